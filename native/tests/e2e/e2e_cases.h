#ifndef E2E_CASES_H
#define E2E_CASES_H
void run_cases(void);
void run_behaviour_cases(void);
void run_strict_cases(void);
#endif
