//! Referral dossiers.
