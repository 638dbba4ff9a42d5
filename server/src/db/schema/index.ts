export * from './org';
export * from './units';
export * from './users';
export * from './rosters';
export * from './auth';
export * from './audit';
