import { useTranslation } from 'react-i18next';
import { Checkbox, SearchInput } from 'suomifi-ui-components';

/** Search box and "show archived" switch shared by every list screen. */
export function ListToolbar(props: {
  searchLabel: string;
  query: string;
  onQuery: (q: string) => void;
  includeArchived: boolean;
  onIncludeArchived: (v: boolean) => void;
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="toolbar" role="search">
      <SearchInput
        labelText={props.searchLabel}
        searchButtonLabel={t('common.actions.search')}
        clearButtonLabel={t('common.actions.clear')}
        value={props.query}
        onChange={(v) => props.onQuery(String(v ?? ''))}
        onSearch={(v) => props.onQuery(String(v ?? ''))}
        debounce={150}
      />
      <Checkbox checked={props.includeArchived} onClick={({ checkboxState }) => props.onIncludeArchived(checkboxState)}>
        {t('common.showArchived')}
      </Checkbox>
      {props.children}
    </div>
  );
}
