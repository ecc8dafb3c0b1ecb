#include "sim/model/replication.hpp"

#include <cmath>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <vector>

#include "sim/common/date.hpp"
#include "sim/common/huge_pages.hpp"
#include "sim/engine/agenda.hpp"
#include "sim/engine/hazard.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/run_ahead.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/engine/stop.hpp"
#include "sim/model/aow.hpp"
#include "sim/model/capacity_pools.hpp"
#include "sim/model/money.hpp"
#include "sim/model/population.hpp"
#include "sim/model/recorder.hpp"

namespace ws::model {
namespace {

// What an event does. Simultaneous events run in this order (then in order of scheduling): the stock is
// recorded before anything happens that day, capacities change before anyone moves, arrivals before
// transitions.
enum class EventKind : std::uint8_t { output = 0, new_year = 1, arrival = 2, person = 3 };

// Why a person's next event happens.
enum class Cause : std::int32_t { death = -1, aow = -2 };

struct Event {
  std::uint32_t entity;  // the person for person events, engine::kNoEntity otherwise
  EventKind kind;
  std::int32_t index;  // person: transition index or Cause; arrival: stream * G + gemeente; output: time
};

}  // namespace

// Kept between replications so that the queue's arrays keep their size instead of growing again each time.
struct AgendaBuffer {
  engine::Agenda<Event> agenda;
};

namespace {

class Replication {
 public:
  Replication(const CompiledModel& m, std::uint64_t seed, std::uint64_t replication,
              ReplicationObserver* observer, ReplicationBuffers& buffers)
      : m_(m),
        seed_(seed),
        replication_(replication),
        observer_(observer),
        recorder_(m, buffers.recorder),
        pools_(m),
        agenda_(agenda_of(buffers)),
        persons_(buffers.persons) {
    persons_.clear();
    std::size_t most = 0;
    for (const CompiledState& s : m_.states) most = std::max(most, s.risks.size());
    risk_u_.resize(most);
    // An observer is shown the lives in time order, so with one every event goes through the queue.
    ahead_ = observer_ == nullptr;
    private_transition_.reserve(m_.transitions.size());
    for (const CompiledTransition& t : m_.transitions)
      private_transition_.push_back(m_.states[static_cast<std::size_t>(t.from)].capacity < 0 &&
                                    m_.states[static_cast<std::size_t>(t.to)].capacity < 0);
  }

  Accounts& run() {
    set_year(0);
    schedule_calendar();
    // Room for the arrivals too (the baseline ends with 2.4-2.6 times its initial persons): a vector that
    // doubled in some replications and not in others made the peak memory of a run depend on how many of
    // its replications did (BENCHMARKS.md, "Peak memory, third session"). Pages never touched cost nothing.
    // The population is synthesized in place: no second copy of it to fill, fault in and move.
    // A large population's records go on huge pages (common/huge_pages.hpp): fewer page faults filling them.
    reserve_on_huge_pages(persons_, 3 * initial_population_bound(m_));
    // One pending event per person at most, and the calendar's and the arrival streams'.
    agenda_.reserve(persons_.capacity() + m_.output_times.size() + m_.years.size() +
                        m_.arrivals.size() * static_cast<std::size_t>(m_.gemeente_count),
                    persons_.capacity());
    synthesize_population(m_, seed_, replication_, persons_);
    for (std::uint32_t id = 0; id < persons_.size(); ++id) add_initial(id);
    admit_where_free();
    schedule_first_arrivals();
    // The stock at the start before the first draws: those may run a person's own events at once (redraw).
    recorder_.run_started(persons_);
    for (std::uint32_t id = 0, initial = static_cast<std::uint32_t>(persons_.size()); id < initial; ++id)
      redraw(id);
    run_private_arrivals();

    // The engine's loop and clock: events before the end in queue order, the clock never going back.
    engine::run_until(agenda_, clock_, m_.end, [&](auto& e) {
      now_ = e.time;
      count_event();
      prefetch_next_person();
      dispatch(e.payload);
    });
    now_ = clock_.now();
    if (m_.output_times.back() == m_.end) recorder_.output_time(static_cast<int>(m_.output_times.size()) - 1);
    if (observer_) observer_->finished(static_cast<std::uint32_t>(persons_.size()));
    Accounts& accounts = recorder_.finish(persons_, m_.end);
    fill_money(m_, accounts);
    return accounts;
  }

 private:
  void count_event() {
    recorder_.event();
    if (recorder_.events() % engine::kEventsBetweenStopChecks == 0) engine::throw_if_stop_requested();
  }

  void dispatch(const Event& e) {
    switch (e.kind) {
      case EventKind::output:
        recorder_.output_time(e.index);
        break;
      case EventKind::new_year:
        set_year(e.index);
        admit_where_free();
        break;
      case EventKind::arrival:
        arrive(e.index);
        break;
      case EventKind::person:
        person_event(e.entity, e.index);
        break;
    }
  }

  void set_year(int y) {
    pools_.set_year(m_.years[static_cast<std::size_t>(y)]);
    std::vector<double> places(m_.capacities.size());
    for (std::size_t c = 0; c < places.size(); ++c) places[c] = pools_.total_places(static_cast<int>(c));
    recorder_.year_started(y, places);
  }

  void schedule_calendar() {
    for (std::size_t t = 0; t < m_.output_times.size(); ++t)
      if (m_.output_times[t] < m_.end)
        agenda_.schedule_global(m_.output_times[t], static_cast<int>(EventKind::output),
                                {engine::kNoEntity, EventKind::output, static_cast<std::int32_t>(t)});
    for (std::size_t y = 1; y < m_.years.size(); ++y)
      agenda_.schedule_global(m_.year_starts[y], static_cast<int>(EventKind::new_year),
                              {engine::kNoEntity, EventKind::new_year, static_cast<std::int32_t>(y)});
  }

  // The next event's person (if the event handled now leaves it the earliest): their record (80 bytes, two
  // cache lines) and agenda handle start loading while this event is handled. With many persons both are
  // random accesses into memory, which otherwise stall the next event (bench cohort, BENCHMARKS.md).
  void prefetch_next_person() const {
    const std::uint32_t next = agenda_.next_entity();
    if (next >= persons_.size()) return;
    const char* record = reinterpret_cast<const char*>(&persons_[next]);
    __builtin_prefetch(record);
    __builtin_prefetch(record + sizeof(Person) - 1);
    agenda_.prefetch(next);
  }

  // ---- persons entering and leaving states ----

  void add_initial(std::uint32_t id) {
    Person& person = persons_[id];
    recorder_.initial(person);
    if (observer_ && observer_->follows(id)) observer_->appeared(id, person, now_, "initial");
    const CompiledState& s = m_.states[person.state];
    person.marks |= s.mark_bit;
    if (s.capacity >= 0) {
      const int pool = pools_.pool_of(s.capacity, person.gemeente);
      if (s.kind == StateKind::capacity)
        pools_.occupy(s.capacity, pool);
      else
        initial_waiting_.push_back(id);
    }
  }

  // Initial waiting lists are ordered by how long people have waited already, longest first.
  void admit_where_free() {
    if (!initial_waiting_.empty()) {
      std::stable_sort(
          initial_waiting_.begin(), initial_waiting_.end(),
          [&](std::uint32_t a, std::uint32_t b) { return persons_[a].entered < persons_[b].entered; });
      for (std::uint32_t id : initial_waiting_) {
        Person& p = persons_[id];
        const int cap = m_.states[p.state].capacity;
        p.ticket = next_ticket_++;
        pools_.enqueue(cap, pools_.pool_of(cap, p.gemeente), id, p.ticket);
      }
      initial_waiting_.clear();
    }
    for (int c = 0; c < static_cast<int>(m_.capacities.size()); ++c)
      for (int pool = 0; pool < pools_.pool_count(c); ++pool) admit_from(c, pool);
  }

  void admit_from(int capacity, int pool) {
    const CompiledCapacity& cap = m_.capacities[static_cast<std::size_t>(capacity)];
    for (;;) {
      const std::int64_t next =
          pools_.next_admission(capacity, pool, [&](std::uint32_t id, std::uint32_t ticket) {
            return persons_[id].state == cap.waiting_state && persons_[id].ticket == ticket;
          });
      if (next < 0) return;
      const auto id = static_cast<std::uint32_t>(next);
      Person& p = persons_[id];
      recorder_.admitted(p, capacity, now_);
      pools_.occupy(capacity, pool);
      move(id, cap.state, cap.admission_label, /*from_queue=*/true);
      redraw(id);
    }
  }

  // Moves a person from their state to `to`, counting the flow and the person-years spent.
  void move(std::uint32_t id, int to, int label, bool from_queue = false) {
    Person& p = persons_[id];
    const CompiledState& from = m_.states[p.state];
    recorder_.left(p, now_);
    if (from.capacity >= 0) {
      const int pool = pools_.pool_of(from.capacity, p.gemeente);
      if (from.kind == StateKind::capacity)
        pools_.release(from.capacity, pool);
      else if (!from_queue)
        pools_.leave_queue(from.capacity, pool);
    }
    const int was = p.state;
    p.state = static_cast<std::uint16_t>(to);
    p.entered = now_;
    p.marks |= m_.states[static_cast<std::size_t>(to)].mark_bit;
    recorder_.entered(p, label, now_);
    if (observer_ && observer_->follows(id))
      observer_->moved(id, p, now_, was, m_.flow_labels[static_cast<std::size_t>(label)]);
    // A freed place goes to the head of the waiting list at once.
    if (from.kind == StateKind::capacity)
      admit_from(from.capacity, pools_.pool_of(from.capacity, p.gemeente));
  }

  // Enters a person into `to`, or into its waiting list when it is a full capacity state.
  int destination(const Person& p, int to, int label, int overflow_label, int& used_label) {
    const CompiledState& target = m_.states[static_cast<std::size_t>(to)];
    used_label = label;
    if (target.kind != StateKind::capacity) return to;
    const int pool = pools_.pool_of(target.capacity, p.gemeente);
    if (pools_.can_enter_directly(target.capacity, pool)) {
      pools_.occupy(target.capacity, pool);
      return to;
    }
    used_label = overflow_label;
    return m_.capacities[static_cast<std::size_t>(target.capacity)].waiting_state;
  }

  void join_queue_if_waiting(std::uint32_t id) {
    Person& p = persons_[id];
    const CompiledState& s = m_.states[p.state];
    if (s.kind != StateKind::waiting) return;
    p.ticket = next_ticket_++;
    pools_.enqueue(s.capacity, pools_.pool_of(s.capacity, p.gemeente), id, p.ticket);
  }

  // Where an event of `cause` takes a person in state `s`: death, AOW or a transition.
  struct Target {
    int to, label, overflow_label;
  };
  Target target_of(const CompiledState& s, std::int32_t cause) const {
    if (cause == static_cast<std::int32_t>(Cause::death)) return {m_.death_state, s.death_label, -1};
    if (cause == static_cast<std::int32_t>(Cause::aow)) return {m_.aow_state, s.aow_label, -1};
    const CompiledTransition& t = m_.transitions[static_cast<std::size_t>(cause)];
    return {t.to, t.label, t.overflow_label};
  }

  void person_event(std::uint32_t id, std::int32_t cause) {
    Person& p = persons_[id];
    const Target target = target_of(m_.states[p.state], cause);
    if (cause < 0) {  // death and AOW: exit states, no place to claim
      move(id, target.to, target.label);
      return;
    }
    // The place is claimed before the person leaves: a person moving between two capacity states of the same
    // pool cannot take their own place twice; the place they free goes to the waiting list.
    int label = target.label;
    const int to = destination(p, target.to, target.label, target.overflow_label, label);
    move(id, to, label);
    join_queue_if_waiting(id);
    redraw(id);
  }

  // ---- competing risks ----

  // Draws every risk of the person's current state afresh and keeps the earliest as their one pending event.
  // An event that concerns the person alone (private_event) does not wait in the queue: nothing else can
  // change it or depend on when it runs, so it runs now, at its own time, and the person draws again — until
  // their next event is one that involves others (a place) or lies past the end. The person's events keep
  // their own time order (the engine's clock guard), their counts are the same sums in another order, and the
  // stocks at output times are corrected for the moves made ahead of them (Recorder::moved_ahead).
  void redraw(std::uint32_t id) {
    const double now = now_;
    std::int32_t cause = 0;
    engine::run_ahead(
        now, m_.end,
        [&]() -> std::optional<double> {
          const NextEvent next = draw_next(id);
          if (next.at >= m_.end) {
            agenda_.cancel(id);
            return std::nullopt;
          }
          if (!(ahead_ && private_event(persons_[id], next.cause))) {
            agenda_.set_next(id, next.at, static_cast<int>(EventKind::person),
                             {id, EventKind::person, next.cause});
            return std::nullopt;
          }
          cause = next.cause;
          return next.at;
        },
        [&](double at) {
          now_ = at;
          count_event();
          run_private_event(id, cause);
        });
    now_ = now;
  }

  struct NextEvent {
    double at = 0;  // +infinity: none
    std::int32_t cause = 0;
  };

  // Whether the person's event of `cause` concerns them alone: it takes no place and frees none, and joins no
  // waiting list (neither the state they leave nor the one they enter has a capacity).
  bool private_event(const Person& p, std::int32_t cause) const {
    if (m_.states[p.state].capacity >= 0) return false;
    return cause < 0 || private_transition_[static_cast<std::size_t>(cause)];
  }

  // A private event, now: no place to claim or free, no waiting list to join, so just the move.
  void run_private_event(std::uint32_t id, std::int32_t cause) {
    Person& p = persons_[id];
    const int from = p.state;
    const Target target = target_of(m_.states[p.state], cause);
    move(id, target.to, target.label);
    recorder_.moved_ahead(p.gemeente, from, p.state, now_);
  }

  // The earliest of the person's risks from now (their AOW day, death, each transition), or none.
  NextEvent draw_next(std::uint32_t id) {
    Person& p = persons_[id];
    const CompiledState& s = m_.states[p.state];
    if (s.kind == StateKind::exit) return {kInfinity, 0};
    ++p.redraws;  // fresh numbers for every risk at every redraw
    const double max_wait = m_.end - now_;
    // A person who arrives past their AOW day (their birth day is whole, their arrival is not: up to a day)
    // retires at once, not in the past; the engine's clock refuses events in the past.
    double best = std::max(0.0, p.aow - now_);
    std::int32_t cause = static_cast<std::int32_t>(Cause::aow);
    // Every risk's number at once (batched Philox): death's first, then the transitions' in order.
    const std::span<double> u(risk_u_.data(), s.risks.size());
    p.risks.uniforms(p.redraws, s.risks, u);
    const double mortality =
        m_.gompertz_a_per_day * s.mortality_multiplier * (p.sex ? m_.women_mortality : 1.0);
    if (mortality > 0) {
      const double e = death_exponential(p, mortality, std::min(best, max_wait), u[0]);
      if (e >= 0) {
        const double death =
            engine::gompertz_waiting_time(e, mortality, m_.gompertz_b_per_day, now_ - p.birth);
        if (death < best) {
          best = death;
          cause = static_cast<std::int32_t>(Cause::death);
        }
      }
    }
    const std::size_t cell = m_.covariates(p.gemeente, p.sex, p.group, p.attributes);  // once, not per risk
    for (std::size_t r = 0; r < s.transitions.size(); ++r) {
      const int ti = s.transitions[r];
      const CompiledTransition& t = m_.transitions[static_cast<std::size_t>(ti)];
      double base = t.rate_per_day * t.factor[cell];
      for (const auto& [bit, multiplier] : t.mark_factor)
        if (p.marks & bit) base *= multiplier;
      if (base <= 0) continue;
      // The hazard never exceeds base * max_multiplier: if even that cannot beat the earliest so far, skip
      // the walk. Most risks lose; -log(u) >= 1 - u decides most of those without the logarithm (with a
      // margin for the logarithm's rounding, so the decision is exactly the one -log(u) would give).
      const double bound = std::min(best, max_wait);
      const double limit = base * t.max_multiplier * bound;
      if ((1.0 - u[r + 1]) * (1.0 - 0x1p-50) >= limit) continue;
      const double e = -std::log(u[r + 1]);
      if (e >= limit) continue;
      const double wait = sample_transition(t, p, base, e, bound);
      if (wait < best) {
        best = wait;
        cause = ti;
      }
    }
    if (observer_ && observer_->follows(id)) show_risks(id, best < max_wait ? cause : kNoCause);
    if (best >= max_wait) return {kInfinity, 0};
    return {now_ + best, cause};
  }

  // Death's unit exponential -log(u) if death could come within `bound`, else -1: the Gompertz hazard rises,
  // so the cumulative hazard over the bound is at most hazard(end) * bound; a unit exponential above that
  // (decided by 1 - u where it can be, as for the transitions) means death comes later. The margin covers the
  // rounding of the exact waiting time, so the outcome is the one the full computation gives.
  double death_exponential(const Person& p, double mortality, double bound, double u) const {
    const double most = mortality * gompertz_growth_up_to(now_ - p.birth + bound) * bound * (1 + 1e-6);
    if ((1.0 - u) * (1.0 - 0x1p-50) >= most) return -1;
    const double e = -std::log(u);
    return e < most ? e : -1;
  }

  // exp(b * age), or more: the table's value at the next step of age at or above it (the growth rises with
  // age), exp itself beyond the table. A larger bound only sends more draws to the exact computation, so the
  // outcome stays the one it gives.
  double gompertz_growth_up_to(double age) const {
    const double steps = age * (1 / CompiledModel::kGompertzStepDays);
    if (steps >= 0 && steps < static_cast<double>(m_.gompertz_growth.size()) - 1)
      return m_.gompertz_growth[static_cast<std::size_t>(steps) + 1];
    return std::exp(m_.gompertz_b_per_day * age);
  }

  // For an observer: every risk's own waiting time from the same random numbers redraw used, walked to the
  // end of the horizon (redraw stops early where a risk cannot win).
  static constexpr double kInfinity = std::numeric_limits<double>::infinity();
  static constexpr std::int32_t kNoCause = std::numeric_limits<std::int32_t>::min();
  void show_risks(std::uint32_t id, std::int32_t chosen) {
    const Person& p = persons_[id];
    const CompiledState& s = m_.states[p.state];
    const double max_wait = m_.end - now_;
    const auto within = [&](double wait) {
      return wait < max_wait ? wait : std::numeric_limits<double>::infinity();
    };
    std::vector<RiskDraw> risks;
    risks.push_back({"aow", within(p.aow - now_)});
    const double mortality =
        m_.gompertz_a_per_day * s.mortality_multiplier * (p.sex ? m_.women_mortality : 1.0);
    risks.push_back({"death", within(engine::gompertz_waiting_time(risk_exponential(p, kDeathRisk), mortality,
                                                                   m_.gompertz_b_per_day, now_ - p.birth))});
    std::string_view chosen_name = chosen == static_cast<std::int32_t>(Cause::aow)     ? "aow"
                                   : chosen == static_cast<std::int32_t>(Cause::death) ? "death"
                                                                                       : "";
    for (int ti : s.transitions) {
      const CompiledTransition& t = m_.transitions[static_cast<std::size_t>(ti)];
      double base = t.rate_per_day * t.factor[m_.covariates(p.gemeente, p.sex, p.group, p.attributes)];
      for (const auto& [bit, multiplier] : t.mark_factor)
        if (p.marks & bit) base *= multiplier;
      const std::string_view name = m_.flow_labels[static_cast<std::size_t>(t.label)];
      if (ti == chosen) chosen_name = name;
      const double wait = base > 0 ? sample_transition(t, p, base, risk_exponential(p, t.risk), max_wait)
                                   : std::numeric_limits<double>::infinity();
      risks.push_back({name, within(wait)});
    }
    observer_->redrawn(id, p, now_, risks, chosen_name);
  }

  double sample_transition(const CompiledTransition& t, const Person& p, double base, double e,
                           double max_wait) {
    std::array<engine::ClockPieces, kClockCount> clocks;
    std::array<const std::vector<double>*, kClockCount> values{}, largest_from{};
    const double origin[kClockCount] = {now_ - p.birth, now_ - p.entered, now_,
                                        std::isnan(p.permit) ? 0.0 : now_ - p.permit};
    std::size_t n = 0;
    for (int c = 0; c < kClockCount; ++c) {
      if (t.values[c].empty()) continue;
      if (c == kSincePermit && std::isnan(p.permit)) continue;  // only persons with a permit date
      clocks[n] = engine::ClockPieces{origin[c], t.breaks[c]};
      values[n] = &t.values[c];
      largest_from[n] = &t.largest_from_piece[c];
      ++n;
    }
    if (n == 0) return e / base;
    // base times each clock's table at its piece: of the values for the hazard, of the largest values from
    // the pieces on for the tail bound.
    const auto times_tables = [base](const auto& tables) {
      return [base, &tables](std::span<const int> piece) {
        double product = base;
        for (std::size_t i = 0; i < piece.size(); ++i)
          product *= (*tables[i])[static_cast<std::size_t>(piece[i])];
        return product;
      };
    };
    return engine::sample_piecewise_waiting_time(e, std::span<const engine::ClockPieces>(clocks.data(), n),
                                                 times_tables(values), max_wait, times_tables(largest_from));
  }

  // ---- arrivals ----

  void schedule_first_arrivals() {
    const int G = m_.gemeente_count;
    arrival_streams_.reserve(m_.arrivals.size() * static_cast<std::size_t>(G));
    arrival_counts_.assign(m_.arrivals.size() * static_cast<std::size_t>(G), 0);
    arrival_blocks_.assign(m_.arrivals.size() * static_cast<std::size_t>(G), ArrivalBlocks{});
    for (std::size_t a = 0; a < m_.arrivals.size(); ++a) {
      arrival_keys_.push_back(origin_keys(m_, seed_, replication_, m_.arrivals[a].person_purpose));
      for (int g = 0; g < G; ++g) {
        arrival_streams_.emplace_back(seed_, replication_, m_.arrivals[a].time_purpose,
                                      static_cast<std::uint64_t>(g));
        if (!private_arrivals(m_.arrivals[a])) schedule_arrival(static_cast<int>(a) * G + g);
      }
    }
  }

  // Whether a stream's arrivals concern the persons they bring alone: they enter a state without a place
  // (destination() consults no pool, no waiting list is joined), so nothing else depends on when they come.
  bool private_arrivals(const CompiledArrival& a) const {
    return ahead_ && m_.states[static_cast<std::size_t>(a.into)].capacity < 0;
  }

  // The arrivals of every private stream, each stream in its own time order, at once (as redraw runs private
  // events): they need not wait in the queue. Their persons are numbered stream by stream instead of in time
  // order; nothing counted depends on the numbers (docs/model.md: what could differ in principle).
  void run_private_arrivals() {
    const int G = m_.gemeente_count;
    const double now = now_;
    for (std::size_t a = 0; a < m_.arrivals.size(); ++a) {
      if (!private_arrivals(m_.arrivals[a])) continue;
      for (int g = 0; g < G; ++g) {
        const int stream = static_cast<int>(a) * G + g;
        engine::run_ahead(
            now, m_.end,
            [&]() -> std::optional<double> {
              const double wait = arrival_wait(stream);
              if (!(wait < m_.end - now_)) return std::nullopt;
              return now_ + wait;
            },
            [&](double at) {
              now_ = at;
              count_event();
              const std::uint32_t id = bring_person(stream);
              recorder_.moved_ahead(persons_[id].gemeente, -1, persons_[id].state, now_);
              redraw(id);
            });
        now_ = now;
      }
    }
  }

  // The wait from now to the stream's next arrival (+infinity: none before the end).
  double arrival_wait(int stream) {
    const int G = m_.gemeente_count;
    const CompiledArrival& a = m_.arrivals[static_cast<std::size_t>(stream / G)];
    const auto& rates = a.rate_per_day[static_cast<std::size_t>(stream % G)];
    const engine::ClockPieces calendar{now_, std::span<const double>(a.period_start).subspan(1)};
    return engine::sample_piecewise_waiting_time(
        arrival_streams_[static_cast<std::size_t>(stream)].exponential(), std::span(&calendar, 1),
        [&](std::span<const int> piece) { return rates[static_cast<std::size_t>(piece[0])]; }, m_.end - now_);
  }

  void schedule_arrival(int stream) {
    const double wait = arrival_wait(stream);
    if (wait < m_.end - now_)
      agenda_.schedule_global(now_ + wait, static_cast<int>(EventKind::arrival),
                              {engine::kNoEntity, EventKind::arrival, stream});
  }

  void arrive(int stream) {
    const std::uint32_t id = bring_person(stream);
    join_queue_if_waiting(id);
    redraw(id);
    schedule_arrival(stream);
  }

  // The stream's next person, now, in the state they enter (or its waiting list): their id.
  std::uint32_t bring_person(int stream) {
    const int G = m_.gemeente_count;
    const auto a_index = static_cast<std::size_t>(stream / G);
    const CompiledArrival& a = m_.arrivals[a_index];
    const int g = stream % G;
    const std::uint64_t sequence = arrival_counts_[static_cast<std::size_t>(stream)]++;
    // Made in its place at the end of the persons: a copy from the stack, after the narrow stores that set
    // its state and marks, stalled the event loop (the wide loads cannot take those stores' bytes on the
    // way; BENCHMARKS.md, "Seventh session").
    const auto id = static_cast<std::uint32_t>(persons_.size());
    persons_.push_back(make_arrival(m_, a, g, now_, arrival_keys_[a_index], sequence,
                                    arrival_blocks_[static_cast<std::size_t>(stream)]));
    Person& p = persons_.back();
    int label = a.label;
    const int to = destination(p, a.into, a.label, a.overflow_label, label);
    p.state = static_cast<std::uint16_t>(to);
    p.entered = now_;
    p.marks |= m_.states[static_cast<std::size_t>(to)].mark_bit;
    recorder_.arrived(p, static_cast<int>(a_index), label, now_);
    if (observer_ && observer_->follows(id))
      observer_->appeared(id, p, now_, m_.flow_labels[static_cast<std::size_t>(label)]);
    // The next arrival's record, for writing: its cache lines (not touched in this replication yet) are on
    // their way by the time it comes, instead of stalling its first read-back.
    if (persons_.size() < persons_.capacity()) {
      const char* next = reinterpret_cast<const char*>(persons_.data() + persons_.size());
      __builtin_prefetch(next, 1);
      __builtin_prefetch(next + sizeof(Person) - 1, 1);
    }
    return id;
  }

  // The buffers' agenda, emptied: the same queue as a new one but for the memory it holds.
  static engine::Agenda<Event>& agenda_of(ReplicationBuffers& buffers) {
    if (!buffers.agenda) buffers.agenda = std::make_shared<AgendaBuffer>();
    buffers.agenda->agenda.clear();
    return buffers.agenda->agenda;
  }

  const CompiledModel& m_;
  std::uint64_t seed_, replication_;
  ReplicationObserver* observer_;  // null in a normal run
  Recorder recorder_;
  CapacityPools pools_;
  engine::Agenda<Event>& agenda_;
  std::vector<Person>& persons_;
  std::vector<double> risk_u_;            // redraw's numbers, one per risk of the state
  bool ahead_ = true;                     // run private events at once (redraw)
  std::vector<char> private_transition_;  // per transition: from and to a state without capacity
  std::vector<std::uint32_t> initial_waiting_;
  std::vector<engine::RandomStream> arrival_streams_;
  std::vector<std::uint64_t> arrival_counts_;
  std::vector<ArrivalBlocks> arrival_blocks_;  // per stream: its next persons' first random numbers
  std::vector<OriginKeys> arrival_keys_;       // per arrival: the keys of the persons it brings
  std::uint32_t next_ticket_ = 0;
  engine::Clock clock_{m_.start};
  double now_ = m_.start;  // clock_.now(), read in every handler
};

}  // namespace

Accounts simulate_replication(const CompiledModel& model, std::uint64_t seed, std::uint64_t replication,
                              ReplicationObserver* observer) {
  ReplicationBuffers buffers;
  simulate_replication(model, seed, replication, buffers, observer);
  return std::move(buffers.recorder.accounts);
}

const Accounts& simulate_replication(const CompiledModel& model, std::uint64_t seed,
                                     std::uint64_t replication, ReplicationBuffers& buffers,
                                     ReplicationObserver* observer) {
  return Replication(model, seed, replication, observer, buffers).run();
}

}  // namespace ws::model
