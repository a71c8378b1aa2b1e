export { OrderDetail } from './OrderDetail';
