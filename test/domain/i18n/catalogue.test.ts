import { describe, expect, it } from 'vitest';
import { CATALOGUE, CATALOGUE_PARTS, LANGUAGES, languageFromLocale, placeholders, t } from '../../../domain/i18n';

describe('message catalogue', () => {
  it('defines every key once across its parts', () => {
    const keys = CATALOGUE_PARTS.flatMap((part) => Object.keys(part));
    expect(keys.length).toBe(new Set(keys).size);
    expect(Object.keys(CATALOGUE).length).toBe(keys.length);
  });

  it('has every message in every language, non-empty, with the same placeholders', () => {
    for (const [key, entry] of Object.entries(CATALOGUE)) {
      const expected = placeholders(entry.en);
      for (const language of LANGUAGES) {
        expect(entry[language].trim(), `${key} [${language}]`).not.toBe('');
        expect(placeholders(entry[language]), `${key} [${language}]`).toEqual(expected);
      }
    }
  });
});

describe('t', () => {
  it('fills placeholders and keeps a missing one visible', () => {
    expect(t('fr', 'common.yes')).toBe('Oui');
    expect(t('et', 'common.cancel')).toBe('Loobu');
  });
});

describe('languageFromLocale', () => {
  it('maps Slack locales and falls back to English', () => {
    expect(languageFromLocale('fr-FR')).toBe('fr');
    expect(languageFromLocale('et-EE')).toBe('et');
    expect(languageFromLocale('de-DE')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });
});
