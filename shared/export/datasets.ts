import { ATTENDANCE_COLUMNS } from '../training/attendance-export';
import { INCIDENT_LOG_COLUMNS, WORK_LOG_COLUMNS, type ColumnDef } from './columns';

/**
 * What can be exported. The renderer names a dataset and picks column keys;
 * main resolves them here, so a renderer can never invent a column definition.
 */
export interface ExportDataset {
  title: string;
  columns: readonly ColumnDef[];
  /** A second sheet (XLSX) or file (CSV) of child rows, if the dataset has one. */
  childColumns?: readonly ColumnDef[];
  childName?: string;
  fileStem: string;
}

export const EXPORT_DATASETS = {
  incidentLog: { title: 'Incident log', columns: INCIDENT_LOG_COLUMNS, childColumns: WORK_LOG_COLUMNS, childName: 'Work log', fileStem: 'incident-log' },
  attendance: { title: 'Attendance', columns: ATTENDANCE_COLUMNS, fileStem: 'attendance' },
} as const satisfies Record<string, ExportDataset>;

export type ExportDatasetName = keyof typeof EXPORT_DATASETS;
export const EXPORT_DATASET_NAMES = Object.keys(EXPORT_DATASETS) as [ExportDatasetName, ...ExportDatasetName[]];
