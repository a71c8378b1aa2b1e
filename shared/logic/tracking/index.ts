export * from './taxonomy';
export * from './events';
export * from './delay-rules';
export * from './schedule';
export * from './reasons';
export * from './messages';
