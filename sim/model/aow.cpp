#include "sim/model/aow.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "sim/common/date.hpp"

namespace ws::model {
namespace {

Day first_of_month(int month_index) { return days_from_civil(month_index / 12, month_index % 12 + 1, 1); }

}  // namespace

int aow_age_months(const AowSpec& aow, int year) {
  if (aow.years.empty()) throw std::logic_error("AOW schedule is empty");
  if (year <= aow.years.front()) return aow.age_months.front();
  if (year <= aow.years.back()) return aow.age_months[static_cast<std::size_t>(year - aow.years.front())];
  const double rise = aow.months_per_year_after * (year - aow.years.back());
  return aow.age_months.back() + static_cast<int>(std::floor(rise + 1e-9));
}

int aow_months_after_birth(const AowSpec& aow, int birth_month_index) {
  // Find the first year Y whose AOW age, counted from the birthday, falls in Y itself (or earlier, when a jump
  // in the schedule skips over the birthday). Years that qualify form an upward-closed set, so search down
  // from a good guess, then up. The calendar year of "birthday + m months" needs no date conversion: it is
  // (birth month index + m) / 12.
  const int birth_year = birth_month_index / 12;
  const auto reached_year = [&](int year) { return (birth_month_index + aow_age_months(aow, year)) / 12; };
  const auto qualifies = [&](int year) { return reached_year(year) <= year; };
  int year = reached_year(birth_year + 67);
  while (qualifies(year - 1)) --year;
  for (const int limit = birth_year + 90; !qualifies(year); ++year)
    if (year > limit) throw std::logic_error("AOW age above 90 years: check aow.months_per_year_after");
  return aow_age_months(aow, year);
}

Day aow_day(const AowSpec& aow, Day birth) {
  const CivilDate b = civil_from_days(birth);
  return add_months(birth, aow_months_after_birth(aow, b.year * 12 + (b.month - 1)));
}

// add_months(birth, m) is day min(d, length of the target month) of the target month, for the birth's day of
// the month d: so one month's table is the target month's first day plus min(d, length) - 1.
AowDayTable::AowDayTable(const AowSpec& aow, Day first_birth, Day last_birth) : first_(first_birth) {
  if (last_birth < first_birth) return;
  after_birth_.assign(static_cast<std::size_t>(last_birth - first_birth + 1), kNone);
  const CivilDate first = civil_from_days(first_birth), last = civil_from_days(last_birth);
  for (int month = first.year * 12 + first.month - 1; month <= last.year * 12 + last.month - 1; ++month) {
    int months = 0;
    try {
      months = aow_months_after_birth(aow, month);
    } catch (const std::logic_error&) {
      continue;  // left to aow_day, which throws for a person born then
    }
    const Day born = first_of_month(month), target = first_of_month(month + months);
    const Day born_days = first_of_month(month + 1) - born,
              target_days = first_of_month(month + months + 1) - target;
    for (Day d = 1; d <= born_days; ++d) {
      const Day birth = born + d - 1;
      if (birth < first_birth || birth > last_birth) continue;
      after_birth_[static_cast<std::size_t>(birth - first_birth)] =
          static_cast<std::int32_t>(target + std::min(d, target_days) - 1 - birth);
    }
  }
}

}  // namespace ws::model
