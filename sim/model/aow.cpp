#include "sim/model/aow.hpp"

#include <algorithm>
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
  // the birthday, falls in Y itself (or earlier, when a jump in the schedule skips over the birthday).
  const int birth_year = civil_from_days(birth).year;
  // No AOW age in the schedule is below its first entry, and ages never fall: start the search there.
  const int youngest = *std::min_element(aow.age_months.begin(), aow.age_months.end()) / 12;
  for (int year = birth_year + youngest; year < birth_year + 90; ++year) {
    const Day reached = add_months(birth, aow_age_months(aow, year));
    if (civil_from_days(reached).year <= year) return reached;
  }
  throw std::logic_error("AOW age above 90 years: check aow.months_per_year_after");
}

}  // namespace ws::model
