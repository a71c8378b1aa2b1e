import { createContext, useContext, type ReactNode } from 'react';
import type { StationDb } from './db';
import type { Repositories } from './repositories';

interface StationData {
  db: StationDb;
  repos: Repositories;
}

const DataContext = createContext<StationData | null>(null);

export function DataProvider(props: { value: StationData; children: ReactNode }) {
  return <DataContext.Provider value={props.value}>{props.children}</DataContext.Provider>;
}

export function useRepos(): Repositories {
  const value = useContext(DataContext);
  if (!value) throw new Error('useRepos outside DataProvider');
  return value.repos;
}

export function useDbName(): string {
  const value = useContext(DataContext);
  if (!value) throw new Error('useDbName outside DataProvider');
  return value.db.name;
}

/** The station database, for feature repositories that are not in `Repositories`. */
export function useStationDb(): StationDb {
  const value = useContext(DataContext);
  if (!value) throw new Error('useStationDb outside DataProvider');
  return value.db;
}
