// Arbiter assert harness (C++), placed before the solution so the solution's macros cannot touch it.
// Before any of the solution's start-up code (.preinit_array) it reads the run's case and nonce from
// stdin, puts /dev/null on fd 0 and forbids new file descriptors. Value tests report each candidate
// expression's value through a serializer that dispatches on the exact type (a comparison operator
// is never called; an unknown class type reports X); in-process tests report "ok" after every check
// held. Every record carries the nonce.
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/resource.h>
#include <type_traits>
#include <unistd.h>
#include <utility>

namespace __NS__ {
// plain (constant-initialised) storage: the constructor below runs before dynamic initialisation
static int test_case = -1;
static char nonce[80];

struct Init {
  Init() {
    std::string in;
    char buf[256];
    ssize_t n;
    while ((n = ::read(0, buf, sizeof buf)) > 0) in.append(buf, static_cast<size_t>(n));
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::close(null);
    size_t nl = in.find('\n');
    if (nl == std::string::npos) return;
    test_case = std::atoi(in.substr(0, nl).c_str());
    size_t end = in.find('\n', nl + 1);
    if (end == std::string::npos) return;
    size_t len = end - nl - 1;
    in.copy(nonce, len < sizeof nonce - 1 ? len : sizeof nonce - 1, nl + 1);
    // no new file descriptor from here on: no /proc/<pid>/fd/0, no /proc/self/mem
    struct rlimit none = {3, 3};
    ::setrlimit(RLIMIT_NOFILE, &none);
  }
};
// .preinit_array runs before every constructor (any priority) and every static initialiser
static void init(int, char**, char**) { static Init once; }
__attribute__((section(".preinit_array"), used)) static void (*const preinit)(int, char**, char**) = init;

inline void put(const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(1, s.data() + off, s.size() - off);
    if (n <= 0) ::_exit(3);
    off += static_cast<size_t>(n);
  }
}

inline void hex(std::string& o, const char* p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    unsigned char c = static_cast<unsigned char>(p[i]);
    o += digits[c >> 4];
    o += digits[c & 15];
  }
}

// Containers are recognised by their member types (no container header is included): a map has
// key_type and mapped_type, a set key_type, a sequence value_type and begin(); pairs and tuples
// have a tuple_size; optionals has_value(). Every other class type is X.
template <class T, class = void> struct is_map : std::false_type {};
template <class T>
struct is_map<T, std::void_t<typename T::key_type, typename T::mapped_type>> : std::true_type {};
template <class T, class = void> struct is_set : std::false_type {};
template <class T> struct is_set<T, std::void_t<typename T::key_type>> : std::true_type {};
template <class T, class = void> struct is_seq : std::false_type {};
template <class T>
struct is_seq<T, std::void_t<typename T::value_type, decltype(std::declval<const T&>().begin())>>
    : std::true_type {};
template <class T, class = void> struct is_tup : std::false_type {};
template <class T> struct is_tup<T, std::void_t<decltype(std::tuple_size<T>::value)>> : std::true_type {};
template <class T, class = void> struct is_opt : std::false_type {};
template <class T>
struct is_opt<T, std::void_t<decltype(std::declval<const T&>().has_value()), typename T::value_type>>
    : std::true_type {};

template <class T> void ser(std::string& o, const T& v, int depth);

template <class T, size_t... I>
void ser_tuple(std::string& o, const T& v, int depth, std::index_sequence<I...>) {
  o += "P" + std::to_string(sizeof...(I)) + ";";
  using std::get;  // found again by argument-dependent lookup at instantiation (std::tuple's get)
  (ser(o, get<I>(v), depth + 1), ...);
}

template <class T> void ser(std::string& o, const T& v, int depth) {
  using U = std::remove_cv_t<T>;
  if (depth > 100) {
    o += "X";
  } else if constexpr (std::is_same_v<U, bool>) {
    o += v ? "T" : "F";
  } else if constexpr (std::is_integral_v<U> && std::is_signed_v<U>) {
    o += "i" + std::to_string(static_cast<long long>(v)) + ";";
  } else if constexpr (std::is_integral_v<U>) {
    o += "i" + std::to_string(static_cast<unsigned long long>(v)) + ";";
  } else if constexpr (std::is_floating_point_v<U>) {
    char b[64];
    std::snprintf(b, sizeof b, "%.17g", static_cast<double>(v));
    o += "d";
    o += b;
    o += ";";
  } else if constexpr (std::is_same_v<U, std::string>) {
    o += "s";
    hex(o, v.data(), v.size());
    o += ";";
  } else if constexpr (std::is_same_v<U, const char*> || std::is_same_v<U, char*>) {
    if (v == nullptr) {
      o += "N";
    } else {
      o += "s";
      hex(o, v, std::char_traits<char>::length(v));
      o += ";";
    }
  } else if constexpr (is_map<U>::value) {
    o += "D" + std::to_string(v.size()) + ";";
    for (const auto& e : v) {
      ser(o, e.first, depth + 1);
      ser(o, e.second, depth + 1);
    }
  } else if constexpr (is_opt<U>::value) {
    if (v.has_value()) {
      ser(o, *v, depth + 1);
    } else {
      o += "N";
    }
  } else if constexpr (is_set<U>::value || is_seq<U>::value) {
    size_t n = 0;
    for (auto it = v.begin(); it != v.end(); ++it) n++;
    o += (is_set<U>::value ? "S" : "L") + std::to_string(n) + ";";
    for (const auto& e : v) ser(o, static_cast<typename U::value_type>(e), depth + 1);
  } else if constexpr (is_tup<U>::value) {
    ser_tuple(o, v, depth, std::make_index_sequence<std::tuple_size<U>::value>{});
  } else {
    o += "X";
  }
}

template <class F> void probe(int j, F f) {
  std::string o = "\n" __MARKER__ " " + std::string(nonce) + " " + std::to_string(j) + " ";
  try {
    ser(o, f(), 0);
  } catch (...) {
    o += "E";
  }
  o += "\n";
  put(o);
}

inline void check(bool held) {
  if (!held) {
    ::write(2, "AssertionError\n", 15);
    ::_exit(1);
  }
}

inline void ok() {
  put("\n" __MARKER__ " " + std::string(nonce) + " ok\n");
  ::_exit(0);
}

inline void done() { ::_exit(0); }
}  // namespace __NS__
