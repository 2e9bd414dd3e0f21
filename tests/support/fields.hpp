// Walks the model's records through their one field list (BOOST_DESCRIBE_STRUCT beside each
// struct), for the tests that check that every field is compared, read, written, encoded and
// built (tests/fields_test.cpp). A field is named by its record and member, `certificate.issuer`.
//
// Reaching a record type that has no field list, or whose list leaves out a member, does not
// compile: each record reached is checked against its member count (Boost.PFR).
#ifndef COMPLIANCE_TESTS_SUPPORT_FIELDS_HPP
#define COMPLIANCE_TESTS_SUPPORT_FIELDS_HPP

#include <compliance/registry.hpp>

#include <boost/core/demangle.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/pfr/core.hpp>

#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <typeinfo>
#include <variant>
#include <vector>

namespace compliance::fields {

template <class T>
using members = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T>
constexpr bool is_record = boost::describe::has_describe_members<T>::value;

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_variant : std::false_type {};
template <class... T>
struct is_variant<std::variant<T...>> : std::true_type {};
template <class T>
struct is_id : std::false_type {};
template <class Tag>
struct is_id<basic_id<Tag>> : std::true_type {};

/// The values that are not records, lists, optionals or alternatives.
template <class T>
constexpr bool is_scalar = std::is_same_v<T, std::string> || std::is_same_v<T, date> || std::is_same_v<T, bool> ||
                           std::is_same_v<T, int> || std::is_enum_v<T> || is_id<T>::value;

/// A record's name without its namespace: `certificate`.
template <class T>
std::string record_name() {
  std::string n = boost::core::demangle(typeid(T).name());
  const auto colon = n.rfind("::");
  return colon == std::string::npos ? n : n.substr(colon + 2);
}

/// Every record reached describes each of its members, no more, no fewer.
template <class T>
constexpr void check_record() {
  static_assert(is_record<T>, "a record reached from the model has no BOOST_DESCRIBE_STRUCT");
  static_assert(boost::pfr::tuple_size_v<T> == boost::mp11::mp_size<members<T>>::value,
                "BOOST_DESCRIBE_STRUCT leaves out a member of this record");
}

template <class T>
void each_field_of_type(std::set<std::string>& seen, std::set<std::string>& out);

template <class... A>
void each_alternative(std::variant<A...>*, std::set<std::string>& seen, std::set<std::string>& out) {
  (each_field_of_type<A>(seen, out), ...);
}

/// Adds to `out` each field of each record reachable from T's type (`seen`: the records done).
template <class T>
void each_field_of_type(std::set<std::string>& seen, std::set<std::string>& out) {
  if constexpr (is_optional<T>::value || is_vector<T>::value) {
    each_field_of_type<typename T::value_type>(seen, out);
  } else if constexpr (is_variant<T>::value) {
    each_alternative(static_cast<T*>(nullptr), seen, out);
  } else if constexpr (is_record<T>) {
    check_record<T>();
    if (!seen.insert(record_name<T>()).second) return;
    boost::mp11::mp_for_each<members<T>>([&](auto m) {
      using M = std::remove_cv_t<std::remove_reference_t<decltype(std::declval<T&>().*m.pointer)>>;
      // A record or a set of alternatives held as such is not changed as one: its fields are.
      if constexpr (!is_record<M> && !is_variant<M>::value) out.insert(record_name<T>() + "." + m.name);
      each_field_of_type<M>(seen, out);
    });
  } else {
    static_assert(is_scalar<T>, "a member type the field walk does not know");
  }
}

/// Every field of every record reachable from T (`vendor.name`, `certificate.issuer`, …).
template <class T>
std::set<std::string> all_fields() {
  std::set<std::string> seen, out;
  each_field_of_type<T>(seen, out);
  return out;
}

/// One change to one value: what mutate() did, for messages.
enum class change { edit, reset, append, clear };

inline const char* to_string(change c) {
  switch (c) {
  case change::edit: return "edit";
  case change::reset: return "reset";
  case change::append: return "append";
  case change::clear: return "clear";
  }
  return "?";
}

/// The value changed, valid as far as can be: a string or an id gets a suffix, a date moves a
/// day, a flag flips, a number grows, an enumerator becomes the next one.
template <class T>
void edit(T& x) {
  if constexpr (std::is_same_v<T, std::string>) x += "~";
  else if constexpr (is_id<T>::value) x.assign(x.str() + "x");
  else if constexpr (std::is_same_v<T, date>) x = x.is_special() ? date(2024, 1, 1) : x + boost::gregorian::days(1);
  else if constexpr (std::is_same_v<T, bool>) x = !x;
  else if constexpr (std::is_same_v<T, int>) x += 1;
  else {
    const auto& names = detail::enum_table<T>::names;
    const std::size_t n = std::size(names);
    for (std::size_t k = 0; k < n; ++k)
      if (names[k].first == x) {
        x = names[(k + 1) % n].first;
        return;
      }
  }
}

/// Walks the values of one object: each field's value, where present, in order. `visit(name,
/// value, present)` sees every field reached; `mutate` counts the changes it could make and makes
/// the one numbered `target`.
struct walk {
  /// Fields reached with a value: an engaged optional, a non-empty list, any other value.
  std::set<std::string> present;
  /// Set by mutate(): the field changed and how, when `target` was reached.
  std::optional<std::string> changed_field;
  change how = change::edit;
  std::size_t target = static_cast<std::size_t>(-1);
  std::size_t count = 0;

  template <class T>
  void value(T& x, const std::string& field) {
    if constexpr (is_optional<T>::value) {
      if (!x) return;
      present.insert(field);
      offer(field, change::reset, [&] { x.reset(); });
      value(*x, field);
    } else if constexpr (is_vector<T>::value) {
      if (x.empty()) return;
      present.insert(field);
      offer(field, change::clear, [&] { x.clear(); });
      offer(field, change::append, [&] { x.push_back(x.back()); edit_last(x.back()); });
      for (auto& e : x) value(e, field);
    } else if constexpr (is_variant<T>::value) {
      std::visit([&](auto& alt) { value(alt, field); }, x);
    } else if constexpr (is_record<T>) {
      check_record<T>();
      boost::mp11::mp_for_each<members<T>>([&](auto m) { value(x.*m.pointer, record_name<T>() + "." + m.name); });
    } else {
      present.insert(field);
      offer(field, change::edit, [&] { edit(x); });
    }
  }

private:
  template <class F>
  void offer(const std::string& field, change c, F&& f) {
    if (count++ != target) return;
    f();
    changed_field = field;
    how = c;
  }
  /// An appended element differs from the one copied where it can (an edited scalar or first field).
  template <class T>
  static void edit_last(T& x) {
    if constexpr (is_scalar<T>) edit(x);
  }
};

/// Calls `f(value)` for each value in `x` that is not a record, a list, an optional or a set of
/// alternatives: strings, dates, flags, numbers, enumerators and ids.
template <class T, class F>
void each_scalar(const T& x, F&& f) {
  if constexpr (is_optional<T>::value) {
    if (x) each_scalar(*x, f);
  } else if constexpr (is_vector<T>::value) {
    for (const auto& e : x) each_scalar(e, f);
  } else if constexpr (is_variant<T>::value) {
    std::visit([&](const auto& alt) { each_scalar(alt, f); }, x);
  } else if constexpr (is_record<T>) {
    check_record<T>();
    boost::mp11::mp_for_each<members<T>>([&](auto m) { each_scalar(x.*m.pointer, f); });
  } else {
    f(x);
  }
}

/// `x` with change number `k` made (walk::count of them in all); the field it changed, if any.
template <class T>
std::optional<std::string> mutate(T& x, std::size_t k, change& how) {
  walk w;
  w.target = k;
  w.value(x, "");
  how = w.how;
  return w.changed_field;
}

/// The fields of `x` that hold a value somewhere in it.
template <class T>
std::set<std::string> present_fields(T x) { // a copy: the walk may change what it walks
  walk w;
  w.value(x, "");
  return w.present;
}

} // namespace compliance::fields

#endif
