export { RecoveryOffer } from './RecoveryOffer';
export { RecoveryCard } from './RecoveryCard';
