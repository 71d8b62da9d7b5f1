import { defineMessages } from '../define';

/** Words used across the product. */
export const common = defineMessages({
  'common.yes': { en: 'Yes', fr: 'Oui', et: 'Jah' },
  'common.no': { en: 'No', fr: 'Non', et: 'Ei' },
  'common.cancel': { en: 'Cancel', fr: 'Annuler', et: 'Loobu' },
});
