import { describe, expect, it } from 'vitest';
import { abbreviationIn, nameIn, shortNameIn } from '../../shared/domain/names';

// Names in the official languages (issue #16 item 6): own language → as written → fi → sv → en.
describe('names in the official languages', () => {
  const sm = {
    name: 'Ministry of the Interior (Sisäministeriö)',
    nameFi: 'Sisäministeriö',
    nameSv: 'Inrikesministeriet',
    nameEn: 'Ministry of the Interior',
    abbreviation: 'SM',
    abbreviationFi: 'SM',
    abbreviationSv: 'IM',
    abbreviationEn: 'MoI',
  };

  it('uses the language’s own name when there is one', () => {
    expect([nameIn(sm, 'fi'), nameIn(sm, 'sv'), nameIn(sm, 'en')]).toEqual([
      'Sisäministeriö',
      'Inrikesministeriet',
      'Ministry of the Interior',
    ]);
    expect([abbreviationIn(sm, 'fi'), abbreviationIn(sm, 'sv'), abbreviationIn(sm, 'en')]).toEqual(['SM', 'IM', 'MoI']);
  });

  it('falls back to the name as written, then fi, sv, en; blanks count as missing', () => {
    const onlyWritten = { name: 'Kuntaliitto', nameFi: null, nameSv: '  ', nameEn: undefined };
    expect(nameIn(onlyWritten, 'sv')).toBe('Kuntaliitto');
    const blankWritten = { name: '', nameFi: null, nameSv: 'Kommunförbundet', nameEn: 'AFM' };
    expect(nameIn(blankWritten, 'fi')).toBe('Kommunförbundet');
    expect(nameIn({ name: '', nameEn: 'AFM' }, 'sv')).toBe('AFM');
    expect(nameIn({ name: '', nameFi: 'Kuntaliitto', nameSv: 'Kommunförbundet' }, 'en')).toBe('Kuntaliitto');
  });

  it('gives no short name when none is known in any language', () => {
    expect(shortNameIn({ shortName: null }, 'fi')).toBeNull();
    expect(shortNameIn({ shortName: null, shortNameSv: 'Cyber' }, 'fi')).toBe('Cyber');
    expect(shortNameIn({ shortName: 'Kyber', shortNameSv: 'Cyber' }, 'sv')).toBe('Cyber');
    expect(shortNameIn({ shortName: 'Kyber', shortNameSv: 'Cyber' }, 'en')).toBe('Kyber');
  });
});
