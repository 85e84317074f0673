import { useTranslation } from 'react-i18next';

/** Edit and archive/restore actions on a list row, named for screen readers. */
export function RowActions(props: { name: string; archived: boolean; onEdit?: () => void; onToggleArchived: () => void }) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', gap: 12 }}>
      {props.onEdit && (
        <button
          className="link-button"
          type="button"
          onClick={props.onEdit}
          aria-label={t('common.actions.editNamed', { name: props.name })}
        >
          {t('common.actions.edit')}
        </button>
      )}
      <button
        className="link-button"
        type="button"
        onClick={props.onToggleArchived}
        aria-label={t(props.archived ? 'common.actions.restoreNamed' : 'common.actions.archiveNamed', { name: props.name })}
      >
        {t(props.archived ? 'common.actions.restore' : 'common.actions.archive')}
      </button>
    </div>
  );
}
