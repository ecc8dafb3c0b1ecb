#pragma once
// Plausibility limits on the numbers a user types: far above anything the Netherlands or Werkzaak can hold,
// low enough that a typo (millions for persons, a stray exponent) is refused before a run instead of running
// away. docs/scenario-reference.md lists them; keep the two in step.
namespace ws::scenario::plausible {

// Any number without a tighter limit (euros, places, persons): whole euros stay exact in a double (2^53 is
// about 9e15), so sharing an amount over the gemeenten in whole euros always ends.
inline constexpr double kLargestNumber = 1e12;
// Inhabitants of one gemeente or area: at most the whole Netherlands (17.9 million in 2025), with margin.
inline constexpr double kMaxInhabitants = 3e7;
// statushouders.national_population: inhabitants of the Netherlands.
inline constexpr double kMinNationalPopulation = 1e6;
inline constexpr double kMaxNationalPopulation = 3e7;
// Persons in one row of a table (an initial count, a national taakstelling per half year).
inline constexpr double kMaxPersonsPerRow = 1e7;
// Hazards per person per year (a pilot's 52 per year, "within about a week", is the fastest in use).
inline constexpr double kMaxRatePerYear = 1000;
// Multipliers of hazards, counts and rates.
inline constexpr double kMaxMultiplier = 1000;
// Arrival rates: persons per year in one gemeente, or per 1000 inhabitants.
inline constexpr double kMaxArrivalsPerYear = 1e7;
inline constexpr double kMaxArrivalsPer1000Inhabitants = 1000;
// The horizon: calendar years and length.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2200;
inline constexpr int kMaxHorizonYears = 100;

}  // namespace ws::scenario::plausible
