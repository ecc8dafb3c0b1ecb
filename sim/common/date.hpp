#pragma once
// Civil dates as day numbers (days since 1970-01-01, proleptic Gregorian), the time unit of the simulation.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ws {

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

// Howard Hinnant's algorithms: exact for every proleptic Gregorian date.
std::int64_t days_from_civil(int year, int month, int day);
CivilDate civil_from_days(std::int64_t days);
inline std::int64_t days_from_civil(const CivilDate& d) { return days_from_civil(d.year, d.month, d.day); }

// "YYYY-MM-DD" -> day number; nullopt when malformed or not a real date.
std::optional<std::int64_t> parse_iso_date(std::string_view text);
std::string format_iso_date(std::int64_t days);

// The same calendar day `months` months later (clamped to the month's last day), e.g. a birthday + 67y3m.
std::int64_t add_months(std::int64_t days, int months);

inline constexpr double kDaysPerYear = 365.25;  // converts per-year rates and ages in years to days

}  // namespace ws
