/** The build being made (weapp or h5), fixed at build time. */
export const IS_H5 = process.env.TARO_ENV === 'h5';
export const IS_WEAPP = process.env.TARO_ENV === 'weapp';
