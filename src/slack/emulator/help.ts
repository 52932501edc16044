/** What `:help` prints in the emulator's terminal. */
export const HELP = [
  'Commands, as in Slack:',
  '  /can-i-email alice@corp.fr [product or purpose]   /can-i-sms +33 6 12 34 56 78   /can-i-call +33 1 23 45 67 89',
  '  /consent alice@corp.fr   /optout alice@corp.fr [channel]   /prospect alice@corp.fr',
  '  /campaign-check   /retention   /privacy export|erase alice@corp.fr   /policy reload (after editing policy.yaml)',
  'In the emulator:',
  '  N          press button N of the last answer',
  '  :cancel    close the open modal without submitting it (Esc does too)',
  '  :as USER   act as another user (:users lists them)',
  '  :at 2026-11-24T09:30   set the app’s clock (policy time zone); :at now goes back to the real time',
  '  :home      open the App Home tab',
  '  :web       a one-time sign-in link to the compliance console (PROSPECT_GUARD_WEB_PORT)',
  '  :open [N] [PATH]   list the files the app shared, print file N, or save it to PATH',
  '  :remind    run the retention reminders now (digest and owners’ DMs)',
  '  :check TEXT   the message shortcut "Check the people in this message" on a message saying TEXT',
  '  :step TARGET CHANNEL [PRODUCT]   the Workflow Builder step "Check a prospect", and its outputs',
  '  :quit      leave (end of input does too)',
].join('\n');
