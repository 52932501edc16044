/** Signing in to the compliance console (src/web/signInRoutes.tsx). */
export const webSignIn = {
  web_form_too_big: {
    fr: 'Ce formulaire est bien trop long (plus de 64 Ko) : rien n’a été enregistré. Raccourcissez ce que vous avez saisi.',
    en: 'This form is far too long (over 64 KB): nothing was recorded. Shorten what you typed.',
  },
  web_signin_slack: { fr: 'Se connecter avec Slack', en: 'Sign in with Slack' },
  web_signed_out_slack: {
    fr: 'Vous n’êtes pas connecté·e. Connectez-vous avec votre compte Slack de l’espace de travail.',
    en: 'You are not signed in. Sign in with your Slack account of the workspace.',
  },
  web_signin_state: {
    fr: 'Cette connexion a expiré ou a été commencée dans un autre navigateur. Recommencez.',
    en: 'This sign-in expired or was started in another browser. Start again.',
  },
  web_signin_denied: {
    fr: 'La connexion a été annulée sur Slack. Vous pouvez recommencer.',
    en: 'Sign-in was cancelled on Slack. You may start again.',
  },
  web_signin_exchange: {
    fr: 'Slack n’a pas confirmé votre identité (code refusé ou Slack injoignable). Recommencez dans un instant.',
    en: 'Slack did not confirm who you are (code refused or Slack unreachable). Try again in a moment.',
  },
  web_signin_token: {
    fr: 'La réponse de Slack n’est pas valable pour cette console ; la connexion est refusée.',
    en: 'Slack’s answer is not valid for this console; sign-in is refused.',
  },
  web_signin_not_served: {
    fr: 'Cet espace de travail Slack n’utilise pas prospect-guard ici. Connectez-vous avec le compte de votre espace de travail.',
    en: 'This Slack workspace does not use prospect-guard here. Sign in with your own workspace’s account.',
  },
  web_signin_not_member: {
    fr: 'Votre compte Slack ne peut pas ouvrir la console : seuls les membres de l’espace de travail le peuvent (pas les invités, comptes désactivés ou d’une autre organisation, ni un compte que Slack ne sait pas décrire).',
    en: 'Your Slack account cannot open the console: only members of the workspace can (not guests, deactivated accounts, people of another organisation, or an account Slack cannot describe).',
  },
} as const;
