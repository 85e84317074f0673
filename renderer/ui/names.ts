import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import type { Group } from '../../shared/domain/groups';
import {
  abbreviationIn,
  byAbbreviation,
  groupTitle,
  nameIn,
  shortOrNameIn,
  type AbbreviatedRow,
  type NamedRow,
} from '../../shared/domain/names';
import type { Organisation } from '../../shared/domain/organisations';
import { LANGUAGES, type Lng } from '../../shared/i18n/resources';
import { api } from '../api';
import { useApp, type Route } from '../store/app';

/** The UI language as one of ours (i18next may report a region or a fallback). */
export function lngOf(language: string | undefined): Lng {
  return LANGUAGES.find((l) => l === language) ?? 'en';
}

/**
 * The organisations and groups by id, so that a screen holding only an id (or a name the backend
 * composed) can show the name in the UI language. Loaded once per screen visit: the first screen that
 * asks for names on a route loads them, the others on that route share it; a save in the organisation
 * or group form calls refreshNames().
 */
interface NameRows {
  organisations: Map<string, Organisation>;
  /** By the abbreviation as written (unique among organisations), for lists that only carry that text. */
  byAbbreviation: Map<string, Organisation>;
  groups: Map<string, Group>;
}

const useNameRows = create<{ rows: NameRows | null; loadedFor: Route | null | 'forced' }>(() => ({
  rows: null,
  loadedFor: null,
}));

let generation = 0;
function load(route: Route | 'forced') {
  const mine = ++generation;
  useNameRows.setState({ loadedFor: route });
  void Promise.all([api.organisations.list({ includeArchived: true }), api.groups.list({ includeArchived: true })]).then(
    ([organisations, groups]) => {
      if (mine !== generation) return;
      useNameRows.setState({
        rows: {
          organisations: new Map(organisations.map((o) => [o.id, o])),
          byAbbreviation: byAbbreviation(organisations),
          groups: new Map(groups.map((g) => [g.id, g])),
        },
      });
    },
    // Names are a nicety on top of what the screen already shows: a failed load leaves the texts as given.
    () => undefined,
  );
}

/** After an organisation or a group was saved: every screen's names follow. */
export function refreshNames() {
  load('forced');
}

type OrgRef = (AbbreviatedRow & NamedRow) | string | null | undefined;
type GroupRef = (NamedRow & { shortName?: string | null; priorityNumber?: number | null }) | string | null | undefined;

/**
 * Names of organisations and groups in the UI language (shared/domain/names.ts chooses). Each takes a
 * row, or an id plus the text to show when the id is unknown (e.g. what the backend sent).
 */
export function useNames() {
  const { i18n } = useTranslation();
  const lng = lngOf(i18n.language);
  const route = useApp((s) => s.route);
  const rows = useNameRows((s) => s.rows);
  const loadedFor = useNameRows((s) => s.loadedFor);
  useEffect(() => {
    if (loadedFor !== route && loadedFor !== 'forced') load(route);
    else if (loadedFor === 'forced') useNameRows.setState({ loadedFor: route });
  }, [route, loadedFor]);

  return useMemo(() => {
    // A row without its per-language names (e.g. a picker's { id, name }) is looked up by its id.
    const orgRow = (o: OrgRef) =>
      typeof o === 'string'
        ? rows?.organisations.get(o)
        : o && !('nameSv' in o) && 'id' in o
          ? (rows?.organisations.get(String(o.id)) ?? o)
          : (o ?? undefined);
    const groupRow = (g: GroupRef) =>
      typeof g === 'string'
        ? rows?.groups.get(g)
        : g && !('nameSv' in g) && 'id' in g
          ? (rows?.groups.get(String(g.id)) ?? g)
          : (g ?? undefined);
    const org = (o: OrgRef, fallback = '') => {
      const row = orgRow(o);
      return row ? nameIn(row, lng) : fallback;
    };
    const orgShort = (o: OrgRef, fallback = '') => {
      const row = orgRow(o);
      return row ? abbreviationIn(row, lng) : fallback;
    };
    const group = (g: GroupRef, fallback = '') => {
      const row = groupRow(g);
      return row ? nameIn(row, lng) : fallback;
    };
    return {
      lng,
      /** The organisation's name (Sisäministeriö / Inrikesministeriet / Ministry of the Interior). */
      org,
      /** The organisation's abbreviation (SM / IM / MoI). */
      orgShort,
      /** A picker's label: "IM – Inrikesministeriet". */
      orgOption: (o: AbbreviatedRow & NamedRow) => `${abbreviationIn(o, lng)} – ${nameIn(o, lng)}`,
      /**
       * An abbreviation the backend sent as text (as written: SM) in the UI language (IM). Abbreviations
       * are unique among organisations, so the text names one row.
       */
      orgShortOf: (asWritten: string) => {
        const row = rows?.byAbbreviation.get(asWritten);
        return row ? abbreviationIn(row, lng) : asWritten;
      },
      /** The group's name. */
      group,
      /** The group's name after its priority number ("7. Polarisationsnätverket"), as group headings show it. */
      groupTitle: (g: GroupRef, fallback = '') => {
        const row = groupRow(g);
        return row ? groupTitle(nameIn(row, lng), row.priorityNumber) : fallback;
      },
      /** The group's short name, else its name. */
      groupShort: (g: GroupRef, fallback = '') => {
        const row = groupRow(g);
        return row ? shortOrNameIn(row, lng) : fallback;
      },
    };
  }, [rows, lng]);
}

export type Names = ReturnType<typeof useNames>;
