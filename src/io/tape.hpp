// A parsed JSON document as one flat array of 16-byte nodes in document order (a "tape"): the
// loader's view of the text. Building it allocates one array (and a copy only for strings with
// escapes), where a boost::json::value allocates every object, array and string; reading it walks
// memory in order. Not installed.
//
// A container node is followed by its members (objects: key node, then the value's nodes) and
// records how many nodes its whole subtree spans, so a reader steps over a member in O(1).
// Strings are views into the parsed text (or into the tape's own copies of escaped strings): the
// text must outlive the tape.
#ifndef COMPLIANCE_SRC_TAPE_HPP
#define COMPLIANCE_SRC_TAPE_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>
#include <type_traits>
#include <vector>

namespace compliance::detail {

/// What a node holds.
enum class jkind : std::uint8_t { null, boolean, int64, uint64, double_, string, array, object };

/// One node of the tape; an object or array node also gives read access to its members.
class jvalue {
public:
  jkind kind() const noexcept { return kind_; }
  bool is_null() const noexcept { return kind_ == jkind::null; }
  bool is_bool() const noexcept { return kind_ == jkind::boolean; }
  bool is_int64() const noexcept { return kind_ == jkind::int64; }
  bool is_uint64() const noexcept { return kind_ == jkind::uint64; }
  bool is_double() const noexcept { return kind_ == jkind::double_; }
  bool is_number() const noexcept { return kind_ == jkind::int64 || kind_ == jkind::uint64 || kind_ == jkind::double_; }
  bool is_string() const noexcept { return kind_ == jkind::string; }
  bool is_array() const noexcept { return kind_ == jkind::array; }
  bool is_object() const noexcept { return kind_ == jkind::object; }

  bool get_bool() const noexcept { return flag_; }
  std::int64_t get_int64() const noexcept { return i_; }
  std::uint64_t get_uint64() const noexcept { return u_; }
  double get_double() const noexcept { return d_; }
  std::string_view get_string() const noexcept { return {s_, count_}; }

  /// This node when it is an object (or array), else nullptr.
  const jvalue* if_object() const noexcept { return is_object() ? this : nullptr; }
  const jvalue* if_array() const noexcept { return is_array() ? this : nullptr; }

  /// Members of an object, elements of an array.
  std::size_t size() const noexcept { return is_object() || is_array() ? count_ : 0; }

  /// The node after this value's whole subtree.
  const jvalue* next() const noexcept { return this + (is_object() || is_array() ? span_ : 1); }

  /// One member of an object: its key node and its value.
  struct member {
    const jvalue* k;
    std::string_view key() const noexcept { return k->get_string(); }
    const jvalue& value() const noexcept { return k[1]; }
  };
  /// Steps through an object's members (`Members`) or an array's elements: a member is its key
  /// node followed by its value's nodes, an element its value's nodes.
  template <bool Members>
  class cursor {
  public:
    cursor(const jvalue* at, std::size_t left) : at_(at), left_(left) {}
    std::conditional_t<Members, member, const jvalue&> operator*() const noexcept {
      if constexpr (Members) return member{at_};
      else return *at_;
    }
    cursor& operator++() noexcept {
      at_ = Members ? at_[1].next() : at_->next();
      --left_;
      return *this;
    }
    bool operator!=(const cursor& o) const noexcept { return left_ != o.left_; }

  private:
    const jvalue* at_;
    std::size_t left_;
  };
  template <bool Members>
  struct range {
    const jvalue* first;
    std::size_t n;
    cursor<Members> begin() const noexcept { return {first, n}; }
    cursor<Members> end() const noexcept { return {nullptr, 0}; }
  };
  /// An object's members (`for (auto m : v.members())`, with m.key() and m.value()).
  range<true> members() const noexcept { return {this + 1, is_object() ? count_ : 0}; }
  /// An array's elements.
  range<false> elements() const noexcept { return {this + 1, is_array() ? count_ : 0}; }

  /// The first member called `key`, or nullptr (also when this is not an object).
  const jvalue* if_contains(std::string_view key) const noexcept {
    for (auto m : members()) {
      const jvalue* k = m.k;
      if (k->count_ == key.size() && std::memcmp(k->s_, key.data(), key.size()) == 0) return k + 1;
    }
    return nullptr;
  }

private:
  friend class tape_builder;
  jkind kind_ = jkind::null;
  bool flag_ = false;       ///< boolean value
  std::uint32_t count_ = 0; ///< string length, members, elements
  union {
    const char* s_;
    std::int64_t i_;
    std::uint64_t u_;
    double d_;
    std::uint32_t span_; ///< nodes in a container's subtree, itself included
  };
};
static_assert(sizeof(jvalue) == 16, "a tape node is 16 bytes");

/// A finished tape: the nodes and the copies of escaped strings they point into.
struct tape {
  std::vector<jvalue> nodes;
  std::vector<std::unique_ptr<char[]>> copies;
  const jvalue& root() const noexcept { return nodes.front(); }
};

/// Appends nodes as a boost::json::basic_parser handler reports them (see tape_handler in
/// tape_handler.hpp). `text` is the buffer being parsed: strings inside it are kept as views.
class tape_builder {
public:
  tape_builder(tape& t, std::string_view text) : t_(t), text_(text) {}

  void scalar(jkind k, std::uint64_t bits, bool flag = false) {
    jvalue& v = push(k);
    v.flag_ = flag;
    v.u_ = bits;
  }
  void string(std::string_view s) {
    jvalue& v = push(jkind::string);
    v.count_ = static_cast<std::uint32_t>(s.size());
    const auto at = reinterpret_cast<std::uintptr_t>(s.data());
    const auto begin = reinterpret_cast<std::uintptr_t>(text_.data());
    if (at >= begin && at + s.size() <= begin + text_.size()) {
      v.s_ = s.data();
    } else { // an escaped string, decoded into the parser's own buffer: keep a copy
      auto copy = std::make_unique<char[]>(s.size() + 1);
      std::memcpy(copy.get(), s.data(), s.size());
      v.s_ = copy.get();
      t_.copies.push_back(std::move(copy));
    }
  }
  void open(jkind k) {
    open_.push_back(static_cast<std::uint32_t>(t_.nodes.size()));
    push(k);
  }
  /// Closes `v`, a container still open, over its first `n` members and `span` nodes: for
  /// reading the prefix of a tape being built.
  static void close_prefix(jvalue& v, std::size_t n, std::size_t span) noexcept {
    v.count_ = static_cast<std::uint32_t>(n);
    v.span_ = static_cast<std::uint32_t>(span);
  }
  /// Closes the innermost container of `n` members; false when an object repeats a key.
  bool close(std::size_t n) {
    const std::uint32_t at = open_.back();
    open_.pop_back();
    jvalue& v = t_.nodes[at];
    v.count_ = static_cast<std::uint32_t>(n);
    v.span_ = static_cast<std::uint32_t>(t_.nodes.size() - at);
    return v.kind_ != jkind::object || n < 2 || unique_keys(v);
  }

private:
  jvalue& push(jkind k) {
    t_.nodes.emplace_back();
    jvalue& v = t_.nodes.back();
    v.kind_ = k;
    return v;
  }

  /// A 64-bit sketch of the keys lets almost every object pass without comparing key pairs.
  static bool unique_keys(const jvalue& object) noexcept {
    std::uint64_t seen = 0;
    bool maybe = false;
    for (auto m : object.members()) {
      const auto key = m.key();
      const unsigned char first = key.empty() ? 0 : static_cast<unsigned char>(key.front());
      const unsigned char last = key.empty() ? 0 : static_cast<unsigned char>(key.back());
      const std::uint64_t bit = std::uint64_t{1} << ((key.size() * 7 + first * 3 + last) & 63);
      maybe = maybe || (seen & bit) != 0;
      seen |= bit;
    }
    if (!maybe) return true;
    for (auto a = object.members().begin(); a != object.members().end(); ++a) {
      auto b = a;
      for (++b; b != object.members().end(); ++b)
        if ((*a).key() == (*b).key()) return false;
    }
    return true;
  }

  tape& t_;
  std::string_view text_;
  std::vector<std::uint32_t> open_;
};

} // namespace compliance::detail

#endif
