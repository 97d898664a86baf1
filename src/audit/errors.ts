// Input the audit cannot work on at all (a missing folder, a rule configuration ESLint refuses, a git mode without
// git). The CLI turns any of them into one line on stderr and exit code 2; a bad file is never one of them (a notice).
export class AuditInputError extends Error {}
