/**
 * The domain values accounts-service's services take and return: what a detector, a list, a relationship or a usage
 * total is, independent of GuardDuty's wire shapes (the REST layer maps them to its DTOs, {@code rest.dto}) and of
 * the tables (entities stay in {@code repository} and {@code service}).
 */
package dev.vigil.accounts.model;
