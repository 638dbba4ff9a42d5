import { z } from 'zod';

// Validation messages reach people on both sides: make zod speak Chinese everywhere it is used.
z.config(z.locales.zhCN());
