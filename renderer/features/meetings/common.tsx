import { useId } from 'react';
import type { TFunction } from 'i18next';
import { i18next } from '../../i18n';
import { api } from '../../api';
import { saveFile, savePdf, base64ToBytes } from '../../ui/files';
import { standardTitleKey, type StandardItemKey } from '../../../shared/meetings';
import type { GeneratedFile } from '../../../shared/domain/meetings';

/** A labelled native input for dates, times and numbers (the design system's TextInput is text-only). */
export function NativeField(props: {
  label: string;
  type: 'date' | 'time' | 'number' | 'text';
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  min?: number;
  max?: number;
  name?: string;
}) {
  const id = useId();
  return (
    <div>
      <label className="field-label" htmlFor={id}>
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        className="native-select"
        type={props.type}
        value={props.value}
        min={props.min}
        max={props.max}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <div id={`${id}-error`} className="field-error">
          {props.error}
        </div>
      )}
    </div>
  );
}

/** An agenda item's title: its own, else the translated standing item title. */
export function titleOf(t: TFunction, item: { title: string | null; standingKey?: string | null }): string {
  if (item.title) return item.title;
  return item.standingKey ? t(standardTitleKey(item.standingKey as StandardItemKey)) : '';
}

export const uiLang = (): 'fi' | 'sv' | 'en' => {
  const l = i18next.language;
  return l === 'fi' || l === 'sv' ? l : 'en';
};

export async function downloadGenerated(file: GeneratedFile): Promise<void> {
  await saveFile(file.fileName, file.contentBase64, file.mimeType);
}

/** Agenda or minutes as PDF: the printable HTML through printToPDF (desktop) or the browser's print. */
export async function downloadMeetingPdf(id: string, kind: 'agenda' | 'minutes'): Promise<void> {
  const file = await api.meetings.document({ id, kind, format: 'html', lang: uiLang() });
  const html = new TextDecoder().decode(base64ToBytes(file.contentBase64));
  await savePdf(file.fileName.replace(/\.html$/, '.pdf'), html);
}
