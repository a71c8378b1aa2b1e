export { HandoverScreen } from './HandoverScreen';
