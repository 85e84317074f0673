/** Fields every row that can travel in an exchange file carries. */
export interface RowMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** HLC stamp of the row's last change. */
  hlc: string;
  /** Tombstone: archived rows are never hard-deleted so that deletes can travel. */
  deleted: boolean;
}
