import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Button, Heading } from 'suomifi-ui-components';
import type { Material } from '../../../shared/domain/materials';
import type { MeetingDetail } from '../../../shared/domain/meetings';
import { MATERIAL_EXTENSIONS, MAX_MATERIAL_BYTES } from '../../../shared/materials';
import { orderAgenda } from '../../../shared/meetings';
import { api, isDesktop } from '../../api';
import { useApp } from '../../store/app';
import { describeError } from '../../ui/errors';
import { bytesToBase64, saveFile } from '../../ui/files';
import { useLoad } from '../../ui/useLoad';
import { titleOf } from './common';

/** A size as people read it (kB and MB of 1024). */
export function formatSize(t: TFunction, bytes: number): string {
  if (bytes < 1024) return t('materials.size.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('materials.size.kb', { n: Math.round(bytes / 1024) });
  return t('materials.size.mb', { n: Math.round((bytes / (1024 * 1024)) * 10) / 10 });
}

export function typeLabel(t: TFunction, mime: string): string {
  const kind = mime.startsWith('image/')
    ? 'image'
    : mime === 'application/pdf'
      ? 'pdf'
      : /word|msword/.test(mime)
        ? 'word'
        : /sheet|excel/.test(mime)
          ? 'excel'
          : /presentation|powerpoint/.test(mime)
            ? 'powerpoint'
            : mime.includes('opendocument')
              ? 'odf'
              : mime.startsWith('text/')
                ? 'text'
                : 'other';
  return t(`materials.types.${kind}`);
}

/**
 * The meeting's materials (attachments): add by the file dialog or by dropping files, list with name,
 * size and type, open (desktop: the computer's own program) or download (browser), remove.
 */
export function MaterialsPanel({ m }: { m: MeetingDetail; reload?: () => void }) {
  const { t } = useTranslation();
  const notify = useApp((s) => s.notify);
  const materials = useLoad(() => api.materials.list({ meetingId: m.id }), [m.id]);
  const [target, setTarget] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const ids = { heading: useId(), target: useId(), file: useId(), limits: useId() };
  const ordered = orderAgenda(m.agenda);
  const itemName = (id: string | null) => {
    if (!id) return t('materials.wholeMeeting');
    const o = ordered.find((x) => x.item.id === id);
    return o ? `${o.number}. ${titleOf(t, o.item)}` : '';
  };

  const add = async (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      setBusy(file.name);
      try {
        if (file.size > MAX_MATERIAL_BYTES) {
          // The same sentence the backend gives, without sending 25 MB first.
          const mb = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;
          throw new Error(t('materials.errors.tooLarge', { size: mb(file.size), max: mb(MAX_MATERIAL_BYTES) }));
        }
        const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        const added = await api.materials.add({ meetingId: m.id, agendaItemId: target || null, name: file.name, contentBase64 });
        notify('success', t('materials.added', { name: added.name }));
      } catch (e) {
        notify('error', e instanceof Error && !('key' in e) ? e.message : describeError(t, e));
      }
    }
    setBusy(null);
    if (input.current) input.current.value = '';
    materials.reload();
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) void add(e.dataTransfer.files);
  };
  const open = async (mat: Material) => {
    try {
      if (isDesktop()) {
        await api.host.openMaterial({ id: mat.id });
        notify('success', t('materials.opened', { name: mat.name }));
      } else {
        const file = await api.materials.download({ id: mat.id });
        await saveFile(file.fileName, file.contentBase64, file.mimeType);
      }
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const remove = async (mat: Material) => {
    try {
      await api.materials.remove({ id: mat.id });
      setConfirming(null);
      notify('success', t('materials.removed', { name: mat.name }));
      materials.reload();
    } catch (e) {
      notify('error', describeError(t, e));
    }
  };
  const list = materials.data ?? [];
  return (
    <section className="panel" aria-labelledby={ids.heading}>
      <Heading variant="h2" id={ids.heading}>
        {t('materials.title')}
      </Heading>
      <p className="muted">{t('materials.intro')}</p>
      <div
        className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <div className="form-grid">
          <div>
            <label className="field-label" htmlFor={ids.target}>
              {t('materials.attachTo')}
            </label>
            <select id={ids.target} className="native-select" value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('materials.wholeMeeting')}</option>
              {ordered.map((o) => (
                <option key={o.item.id} value={o.item.id}>
                  {o.number}. {titleOf(t, o.item)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label className="field-label" htmlFor={ids.file}>
              {t('materials.chooseFile')}
            </label>
            <input
              ref={input}
              id={ids.file}
              type="file"
              multiple
              className="native-select"
              aria-describedby={ids.limits}
              accept={MATERIAL_EXTENSIONS.map((e) => `.${e}`).join(',')}
              disabled={busy !== null}
              onChange={(e) => e.target.files && void add(e.target.files)}
            />
          </div>
        </div>
        <p className="muted">
          {dragging ? t('materials.dropHint', { target: itemName(target || null) }) : t('materials.dropZone')}
        </p>
        <p className="muted" id={ids.limits}>
          {t('materials.limits', { max: MAX_MATERIAL_BYTES / (1024 * 1024) })}
        </p>
        {busy && (
          <p role="status" className="muted">
            {t('materials.adding', { name: busy })}
          </p>
        )}
      </div>
      {materials.error !== undefined && <p role="alert">{describeError(t, materials.error)}</p>}
      {list.length === 0 ? (
        <p className="muted">{t('materials.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('materials.columns.name')}</th>
              <th scope="col">{t('materials.columns.item')}</th>
              <th scope="col">{t('materials.columns.type')}</th>
              <th scope="col">{t('materials.columns.size')}</th>
              <th scope="col">{t('materials.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((mat) => (
              <tr key={mat.id}>
                <th scope="row">{mat.name}</th>
                <td>{itemName(mat.agendaItemId)}</td>
                <td>{typeLabel(t, mat.mimeType)}</td>
                <td>{formatSize(t, mat.size)}</td>
                <td>
                  {confirming === mat.id ? (
                    <div className="toolbar" role="group" aria-label={t('materials.confirmRemove', { name: mat.name })}>
                      <span>{t('materials.confirmRemove', { name: mat.name })}</span>
                      <Button variant="secondary" onClick={() => void remove(mat)}>
                        {t('materials.confirmButton')}
                      </Button>
                      <Button variant="secondaryNoBorder" onClick={() => setConfirming(null)}>
                        {t('common.actions.cancel')}
                      </Button>
                    </div>
                  ) : (
                    <div className="toolbar">
                      <Button
                        variant="secondary"
                        aria-label={
                          isDesktop() ? t('materials.open', { name: mat.name }) : t('materials.download', { name: mat.name })
                        }
                        onClick={() => void open(mat)}
                      >
                        {isDesktop() ? t('materials.openButton') : t('materials.downloadButton')}
                      </Button>
                      <Button
                        variant="secondaryNoBorder"
                        aria-label={t('materials.remove', { name: mat.name })}
                        onClick={() => setConfirming(mat.id)}
                      >
                        {t('common.actions.remove')}
                      </Button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
