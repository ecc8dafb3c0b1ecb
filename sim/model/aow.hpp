#pragma once
// The day a person reaches the AOW age that applies to them.
#include "sim/model/spec.hpp"

namespace ws::model {

// AOW age in months for someone reaching it in calendar `year` (schedule, then the scenario's rise per year).
int aow_age_months(const AowSpec& aow, int year);

// The first day on which a person born on `birth` has reached the AOW age of that day's calendar year.
Day aow_day(const AowSpec& aow, Day birth);

}  // namespace ws::model
