#include "sim/model/aow.hpp"

#include <cmath>
#include <stdexcept>

#include "sim/common/date.hpp"

namespace ws::model {

int aow_age_months(const AowSpec& aow, int year) {
  if (aow.years.empty()) throw std::logic_error("AOW schedule is empty");
  if (year <= aow.years.front()) return aow.age_months.front();
  if (year <= aow.years.back()) return aow.age_months[static_cast<std::size_t>(year - aow.years.front())];
  const double rise = aow.months_per_year_after * (year - aow.years.back());
  return aow.age_months.back() + static_cast<int>(std::floor(rise + 1e-9));
}

Day aow_day(const AowSpec& aow, Day birth) {
  // The AOW age depends on the year in which it is reached: find the first year Y whose AOW age, counted from
  // the birthday, falls in Y itself (or earlier, when a jump in the schedule skips over the birthday). Years
  // that qualify form an upward-closed set, so search down from a good guess, then up. The calendar year of
  // "birthday + m months" needs no date conversion: it is (birth month index + m) / 12.
  const CivilDate b = civil_from_days(birth);
  const int birth_month_index = b.year * 12 + (b.month - 1);
  const auto reached_year = [&](int year) { return (birth_month_index + aow_age_months(aow, year)) / 12; };
  const auto qualifies = [&](int year) { return reached_year(year) <= year; };
  int year = reached_year(b.year + 67);
  while (qualifies(year - 1)) --year;
  for (const int limit = b.year + 90; !qualifies(year); ++year)
    if (year > limit) throw std::logic_error("AOW age above 90 years: check aow.months_per_year_after");
  return add_months(birth, aow_age_months(aow, year));
}

}  // namespace ws::model
