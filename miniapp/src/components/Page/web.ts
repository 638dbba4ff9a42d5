// The web build resolves `web.h5.ts` instead (Taro's platform files): WeChat draws its own bar.
export {};
