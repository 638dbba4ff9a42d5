// The web build resolves `print.h5.ts` instead (Taro's platform files): WeChat does not print.
export {};
