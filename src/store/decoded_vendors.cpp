// The decoded-vendor pool (decoded_vendors.hpp).
#include "store/decoded_vendors.hpp"

#include <memory>

namespace compliance::detail {

namespace {
/// This thread's decoded vendor objects not in use, kept with their storage for the next query.
std::vector<std::unique_ptr<vendor>>& vendor_pool() {
  thread_local std::vector<std::unique_ptr<vendor>> pool;
  return pool;
}
} // namespace

std::size_t decoded_vendor_pool_size() noexcept { return vendor_pool().size(); }

const vendor& decoded_vendors::get(std::uint32_t i) {
  const vendor* known = nullptr;
  each([&](const entry& e) {
    if (e.index == i) known = e.v;
  });
  if (known) return *known;
  auto& pool = vendor_pool();
  std::unique_ptr<vendor> v;
  if (pool.empty()) {
    v = std::make_unique<vendor>();
  } else {
    v = std::move(pool.back());
    pool.pop_back();
  }
  if (whole_) store_.decode(i, *v);
  else store_.decode_for_query(i, *v, only_, i == located_ ? located_offset_ : vendor_store::unknown);
  add({i, v.get(), v.get()});
  return *v.release();
}

void decoded_vendors::add(const entry& e) {
  if (count_ >= inline_entries) more_.push_back(e);
  else inline_[count_] = e;
  ++count_;
}

void decoded_vendors::pin(std::uint32_t i, const vendor& v) { add({i, &v, nullptr}); }

void decoded_vendors::forget() noexcept {
  // A query reaches a handful of vendors; one that went down a long relies_on chain must not
  // leave the thread holding hundreds of decoded objects.
  constexpr std::size_t kept = 32;
  auto& pool = vendor_pool();
  each([&pool](const entry& e) {
    if (!e.owned) return;
    std::unique_ptr<vendor> v(e.owned);
    if (pool.size() >= kept) return; // freed here
    try {
      pool.push_back(std::move(v));
    } catch (...) { // no room to keep it: let it go
    }
  });
  count_ = 0;
  more_.clear();
}

} // namespace compliance::detail
