#pragma once
// The day a person reaches the AOW age that applies to them.
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/spec.hpp"

namespace ws::model {

// AOW age in months for someone reaching it in calendar `year` (schedule, then the scenario's rise per year).
int aow_age_months(const AowSpec& aow, int year);

// The AOW age in months of everyone born in the month `birth_month_index` (year * 12 + month - 1): the age
// depends on the year it is reached in, and so only on the birth month.
int aow_months_after_birth(const AowSpec& aow, int birth_month_index);

// The first day on which a person born on `birth` has reached the AOW age of that day's calendar year.
Day aow_day(const AowSpec& aow, Day birth);

// aow_day of every birth day in a range, from one schedule search per birth month and no date conversion per
// person (the AOW day was a tenth of a closed cohort's run, and 6% of the baseline's simulation). Outside the
// range, and for birth months whose search fails (an AOW age above 90), it calls aow_day itself, so it gives
// the same days and the same errors.
class AowDayTable {
 public:
  AowDayTable() = default;
  AowDayTable(const AowSpec& aow, Day first_birth, Day last_birth);
  Day operator()(const AowSpec& aow, Day birth) const {
    const auto i = static_cast<std::uint64_t>(birth - first_);
    if (i < after_birth_.size() && after_birth_[i] != kNone) return birth + after_birth_[i];
    return aow_day(aow, birth);
  }

 private:
  static constexpr std::int32_t kNone = std::numeric_limits<std::int32_t>::min();
  Day first_ = 0;
  std::vector<std::int32_t> after_birth_;  // per birth day from first_: AOW day - birth day, or kNone
};

}  // namespace ws::model
