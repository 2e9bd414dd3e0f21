#ifndef COMPLIANCE_INTERVAL_HPP
#define COMPLIANCE_INTERVAL_HPP

/// \file
/// Closed date intervals `[first, last]` and sorted sets of them (G5): every verdict, worklist,
/// matrix cell and timeline lane is read off these sets.

#include "compliance/date.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <vector>

namespace compliance {

/// A closed interval of calendar days: both `first` and `last` are covered days.
/// An interval whose `last` is max_date() is open-ended.
struct interval {
  date first; ///< first covered day
  date last;  ///< last covered day (inclusive)

  /// True when `d` lies in `[first, last]`.
  bool contains(date d) const noexcept { return first <= d && d <= last; }
  /// True when the interval ends at max_date(), i.e. has no known end.
  bool open_ended() const noexcept { return last == max_date(); }
  /// Number of days covered (both ends count).
  long days() const noexcept { return (last - first).days() + 1; }

  friend bool operator==(const interval& a, const interval& b) noexcept {
    return a.first == b.first && a.last == b.last;
  }
  friend bool operator!=(const interval& a, const interval& b) noexcept { return !(a == b); }
};

namespace detail {

/// The runs of an interval_set: a vector of intervals that keeps up to four in place, so the
/// sets the engine builds for one evidence (a few runs each) never allocate. Iterators are
/// pointers; range-for, size(), empty(), front(), back() and [] work as on a std::vector.
class run_buffer {
public:
  using value_type = interval;
  using iterator = interval*;
  using const_iterator = const interval*;

  run_buffer() noexcept = default;
  run_buffer(const run_buffer& o) { assign(o); }
  run_buffer(run_buffer&& o) noexcept { steal(o); }
  run_buffer& operator=(const run_buffer& o) {
    if (this != &o) {
      size_ = 0;
      assign(o);
    }
    return *this;
  }
  run_buffer& operator=(run_buffer&& o) noexcept {
    if (this != &o) {
      release();
      steal(o);
    }
    return *this;
  }
  ~run_buffer() { release(); }

  interval* begin() noexcept { return data_; }
  interval* end() noexcept { return data_ + size_; }
  const interval* begin() const noexcept { return data_; }
  const interval* end() const noexcept { return data_ + size_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const interval& front() const noexcept { return data_[0]; }
  const interval& back() const noexcept { return data_[size_ - 1]; }
  const interval& operator[](std::size_t i) const noexcept { return data_[i]; }

  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    auto* bigger = new interval[n];
    std::copy(begin(), end(), bigger);
    release();
    data_ = bigger;
    capacity_ = n;
  }
  void push_back(const interval& i) {
    if (size_ == capacity_) reserve(2 * capacity_);
    data_[size_++] = i;
  }
  /// Inserts `i` before `at`; returns where it went.
  interval* insert(const interval* at, const interval& i) {
    const auto k = static_cast<std::size_t>(at - data_);
    if (size_ == capacity_) reserve(2 * capacity_);
    std::copy_backward(data_ + k, data_ + size_, data_ + size_ + 1);
    data_[k] = i;
    ++size_;
    return data_ + k;
  }
  /// Removes `[first, last)`; returns where the following element now is.
  interval* erase(const interval* first, const interval* last) {
    const auto k = static_cast<std::size_t>(first - data_), n = static_cast<std::size_t>(last - first);
    std::copy(data_ + k + n, data_ + size_, data_ + k);
    size_ -= n;
    return data_ + k;
  }

  friend bool operator==(const run_buffer& a, const run_buffer& b) noexcept {
    return std::equal(a.begin(), a.end(), b.begin(), b.end());
  }
  friend bool operator!=(const run_buffer& a, const run_buffer& b) noexcept { return !(a == b); }

private:
  static constexpr std::size_t in_place = 4;
  void assign(const run_buffer& o) {
    reserve(o.size_);
    std::copy(o.begin(), o.end(), data_);
    size_ = o.size_;
  }
  void steal(run_buffer& o) noexcept {
    if (o.data_ == o.local_) {
      std::copy(o.begin(), o.end(), local_);
      data_ = local_;
      capacity_ = in_place;
    } else {
      data_ = o.data_;
      capacity_ = o.capacity_;
      o.data_ = o.local_;
      o.capacity_ = in_place;
    }
    size_ = o.size_;
    o.size_ = 0;
  }
  void release() noexcept {
    if (data_ != local_) delete[] data_;
    data_ = local_;
    capacity_ = in_place;
  }
  interval local_[in_place];
  interval* data_ = local_;
  std::size_t size_ = 0;
  std::size_t capacity_ = in_place;
};

} // namespace detail

/// The runs of an interval_set, read-only: sorted, disjoint, non-adjacent intervals. A view,
/// valid while the set it came from is alive and unchanged; range-for, size(), empty(), front(),
/// back() and [] work as on a std::vector.
class interval_runs {
public:
  using value_type = interval;
  using iterator = const interval*;
  using const_iterator = const interval*;

  interval_runs(const interval* first, std::size_t count) noexcept : first_(first), count_(count) {}
  const interval* begin() const noexcept { return first_; }
  const interval* end() const noexcept { return first_ + count_; }
  std::size_t size() const noexcept { return count_; }
  bool empty() const noexcept { return count_ == 0; }
  const interval& front() const noexcept { return first_[0]; }
  const interval& back() const noexcept { return first_[count_ - 1]; }
  const interval& operator[](std::size_t i) const noexcept { return first_[i]; }

private:
  const interval* first_;
  std::size_t count_;
};

/// A set of days kept as sorted, disjoint, non-adjacent closed intervals. Adjacent intervals
/// merge: coverage through 2024-06-30 and from 2024-07-01 is one continuous run.
class interval_set {
public:
  interval_set() = default;
  /// The set of the days of `i` (empty when `i.last < i.first`).
  explicit interval_set(interval i) { add(i); }
  /// The union of the given intervals.
  interval_set(std::initializer_list<interval> items) {
    for (const auto& i : items) add(i);
  }

  /// The runs, sorted, disjoint and non-adjacent.
  interval_runs runs() const noexcept { return {runs_.begin(), runs_.size()}; }
  bool empty() const noexcept { return runs_.empty(); }

  /// Adds the days of `i`; an inverted interval adds nothing.
  void add(interval i) {
    if (i.last < i.first) return;
    // First run that ends on or after the day before i.first (could merge with i).
    auto it = std::lower_bound(runs_.begin(), runs_.end(), i.first, [](const interval& r, date d) {
      return r.last < d && r.last.julian_day() + 1 < d.julian_day();
    });
    auto end = it;
    while (end != runs_.end() && end->first.julian_day() <= i.last.julian_day() + 1) {
      if (end->first < i.first) i.first = end->first;
      if (end->last > i.last) i.last = end->last;
      ++end;
    }
    it = runs_.erase(it, end);
    runs_.insert(it, i);
  }

  /// True when day `d` is in the set.
  bool contains(date d) const noexcept { return find(d) != nullptr; }

  /// The run containing `d`, or nullptr.
  const interval* find(date d) const noexcept {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), d,
                               [](date x, const interval& r) { return x < r.first; });
    if (it == runs_.begin()) return nullptr;
    --it;
    return it->contains(d) ? &*it : nullptr;
  }

  /// The last run that ends before `d`, or nullptr.
  const interval* last_before(date d) const noexcept {
    auto it = std::lower_bound(runs_.begin(), runs_.end(), d,
                               [](const interval& r, date x) { return r.last < x; });
    if (it == runs_.begin()) return nullptr;
    return &*(it - 1);
  }

  /// The first run that starts after `d`, or nullptr.
  const interval* first_after(date d) const noexcept {
    auto it = std::upper_bound(runs_.begin(), runs_.end(), d,
                               [](date x, const interval& r) { return x < r.first; });
    return it == runs_.end() ? nullptr : &*it;
  }

  /// Union (`|`).
  friend interval_set operator|(const interval_set& a, const interval_set& b) {
    interval_set out = a;
    for (const auto& r : b.runs_) out.add(r);
    return out;
  }
  /// Intersection (`&`).
  friend interval_set operator&(const interval_set& a, const interval_set& b) {
    interval_set out;
    if (a.runs_.empty() || b.runs_.empty()) return out;
    auto i = a.runs_.begin();
    auto j = b.runs_.begin();
    while (i != a.runs_.end() && j != b.runs_.end()) {
      const date lo = std::max(i->first, j->first);
      const date hi = std::min(i->last, j->last);
      if (lo <= hi) out.runs_.push_back({lo, hi});
      if (i->last < j->last) ++i; else ++j;
    }
    return out;
  }
  /// The days of `a` that are not in `b`.
  friend interval_set operator-(const interval_set& a, const interval_set& b) {
    return a & b.complement();
  }

  /// The days of `[min_date(), max_date()]` not in this set.
  interval_set complement() const { return gaps({min_date(), max_date()}); }

  /// The days of `range` not in this set, as runs (W3's gaps).
  interval_set gaps(interval range) const {
    interval_set out;
    if (range.last < range.first) return out;
    date cursor = range.first;
    bool done = false;
    for (const auto& r : runs_) {
      if (r.last < cursor) continue;
      if (r.first > range.last) break;
      if (r.first > cursor) out.runs_.push_back({cursor, r.first - boost::gregorian::days(1)});
      if (r.last >= range.last) { done = true; break; }
      cursor = r.last + boost::gregorian::days(1);
    }
    if (!done && cursor <= range.last) out.runs_.push_back({cursor, range.last});
    return out;
  }

  /// This set restricted to `range`.
  interval_set clip(interval range) const { return *this & interval_set(range); }

  friend bool operator==(const interval_set& a, const interval_set& b) { return a.runs_ == b.runs_; }
  friend bool operator!=(const interval_set& a, const interval_set& b) { return !(a == b); }

private:
  detail::run_buffer runs_;
};

} // namespace compliance

#endif
