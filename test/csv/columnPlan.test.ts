import { describe, expect, it } from 'vitest';
import { planColumns } from '../../src/csv/columnPlan.ts';
import { detectPreset } from '../../src/csv/presets.ts';

describe('which tool wrote a header', () => {
  it('recognises each tool by two of its own columns, and a sheet by none', () => {
    expect(detectPreset(['Record ID', 'Email', 'Create Date'])).toBe('hubspot');
    expect(detectPreset(["ID de fiche d'informations", 'E-mail', 'Propriétaire du contact'])).toBe('hubspot');
    expect(detectPreset(['EMAIL', 'BLACKLISTED', 'SMS_BLACKLISTED'])).toBe('brevo');
    expect(detectPreset(['Person - Name', 'Person - Email - Work'])).toBe('pipedrive');
    expect(detectPreset(['email', 'firstName', 'companyName'])).toBe('lemlist');
    expect(detectPreset(['Email', 'Account Name', 'Email Opt Out'])).toBe('salesforce');
    // Generic names are everyone's: "First Name" and "Company Name" say no tool.
    expect(detectPreset(['Email', 'First Name', 'Company Name', 'unsubscribed'])).toBeUndefined();
    expect(detectPreset(['Nom', 'Prénom', 'Société', 'Email'])).toBeUndefined();
  });
});

describe('the plan of a header', () => {
  it('orders several address columns: work first, unsaid next, personal last', () => {
    const plan = planColumns(['Email perso', 'Courriel', 'E-mail professionnel', 'Téléphone']);
    expect(plan.identifiers.email).toEqual([2, 1, 0]);
    expect(plan.ambiguous).toEqual([]);
    // Two that say nothing cannot be told apart: said so.
    expect(planColumns(['Adresse électronique', 'Courriel']).ambiguous).toEqual([
      { field: 'email', columns: [0, 1] },
    ]);
  });

  it('--column reads a field from one column only; the others are ignored', () => {
    const plan = planColumns(['Email perso', 'Courriel', 'Mail pro'], { columns: { email: 'Courriel' } });
    expect(plan.identifiers.email).toEqual([1]);
    expect(plan.ignored).toEqual([0, 2]);
  });

  it('the collection date: a column named for it, else the chosen one, else the tool’s creation date', () => {
    const hubspot = ['Record ID', 'Email', 'Create Date', 'Date de collecte'];
    expect(planColumns(hubspot).collectedAt).toEqual({ column: 3, why: 'named' });
    expect(planColumns(hubspot.slice(0, 3)).collectedAt).toEqual({ column: 2, why: 'preset' });
    expect(planColumns(hubspot.slice(0, 3), { collectedAtColumn: 'none' }).collectedAt).toBeUndefined();
    expect(planColumns(hubspot.slice(0, 3), { collectedAtColumn: 'create date' }).collectedAt).toEqual({
      column: 2,
      why: 'chosen',
    });
    // A sheet's "Date de création" is not guessed to be the collection.
    expect(planColumns(['Email', 'Date de création']).collectedAt).toBeUndefined();
  });
});
