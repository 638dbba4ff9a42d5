/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';

/** Origin of the API, fixed at build time in config/index.ts: '' on h5 (same origin). */
declare const API_BASE: string;

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    /** The platform being built: weapp or h5 for this project. */
    TARO_ENV: 'weapp' | 'h5';
    /** The API origin baked into the weapp build (default http://127.0.0.1:3000). */
    HUIJIA_API_BASE?: string;
  }
}
