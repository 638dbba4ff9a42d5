export * from './org';
export * from './units';
export * from './users';
