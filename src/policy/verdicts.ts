export { SEVERITY, VERDICTS, type Verdict } from '../domain/verdict.ts';
