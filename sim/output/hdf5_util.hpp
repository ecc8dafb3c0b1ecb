#pragma once
// Small RAII and error helpers around the HDF5 C API, shared by the results writer and reader.
// Internal to sim/output: other layers use results_writer.hpp / results_reader.hpp and never see hdf5.h.
#include <hdf5.h>
#include <hdf5_hl.h>  // H5DS: dimension scales

#include <cstdint>
#include <string>
#include <vector>

namespace ws::output::h5 {

// Owns one HDF5 identifier and closes it with the matching H5*close function.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = H5I_INVALID_HID; }
  Handle& operator=(Handle&& other) noexcept;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  explicit operator bool() const { return id_ >= 0; }
  // Closes now; returns false when HDF5 reported an error (e.g. H5F_CLOSE_SEMI with objects still open).
  bool reset();

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// Turns off HDF5's automatic printing of error stacks for the current thread while alive, so that failures
// surface as one-line exceptions instead of pages on stderr. The error stack itself is still recorded for
// last_error().
class QuietErrors {
 public:
  QuietErrors();
  ~QuietErrors();
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

// The most specific message on the current thread's HDF5 error stack (one line), then clears the stack.
std::string last_error();

// Throws std::runtime_error("<what>: <HDF5 message>") when `id` (or herr_t) is negative.
hid_t check(hid_t id, const std::string& what);
void check_status(herr_t status, const std::string& what);

// Typed wrappers that check creation and own the result.
Handle dataset(hid_t id, const std::string& what);
Handle dataspace(hid_t id, const std::string& what);
Handle datatype(hid_t id, const std::string& what);
Handle plist(hid_t id, const std::string& what);
Handle attribute(hid_t id, const std::string& what);
Handle group(hid_t id, const std::string& what);

// The memory space for a hyperslab of `count` (its block of the file): the block's own shape, not a flat
// list of its values. With the same shape on both sides HDF5 maps the selection to chunks a block at a time;
// with a flat memory space it iterated element by element (H5S_select_iterate): 200 M instructions for the
// baseline's summaries (BENCHMARKS.md, "Eighth session").
Handle block_space(const std::vector<hsize_t>& count, const std::string& what);

// Variable-length UTF-8 string type (the netCDF-4 NC_STRING layout).
Handle utf8_string_type();

// Attributes on any object: strings are scalar variable-length UTF-8; numbers are scalars.
// An existing attribute of the same name is replaced.
void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, std::int64_t value);
void write_attribute(hid_t object, const std::string& name, std::uint64_t value);
void write_attribute(hid_t object, const std::string& name, std::int32_t value);
void write_attribute(hid_t object, const std::string& name, double value);

// write_attribute for many attributes: one string type and one scalar space for all of them (made at the
// first write, so that constructing one does not start the library), and no lookup before each: only a
// create that fails looks for an old attribute of that name to replace. A results file has about 500
// attributes, nearly all on objects just made; the lookup and the two objects per attribute were a third of
// their cost (bench cohort, BENCHMARKS.md).
class AttributeWriter {
 public:
  void write(hid_t object, const std::string& name, const std::string& value);
  void write(hid_t object, const std::string& name, std::int64_t value);
  void write(hid_t object, const std::string& name, std::uint64_t value);
  void write(hid_t object, const std::string& name, std::int32_t value);
  void write(hid_t object, const std::string& name, double value);

 private:
  void write_scalar(hid_t object, const std::string& name, hid_t file_type, hid_t memory_type,
                    const void* value);
  Handle string_type_, scalar_space_;
};

enum class AttributeKind { absent, text, integer, floating, other };
AttributeKind attribute_kind(hid_t object, const std::string& name);
// Text of a string attribute (variable or fixed length; several strings are joined with ", ").
std::string read_text_attribute(hid_t object, const std::string& name);
double read_number_attribute(hid_t object, const std::string& name);
std::int64_t read_integer_attribute(hid_t object, const std::string& name);

// True when `name` is a link in `group` that leads to a dataset.
bool is_dataset(hid_t group, const std::string& name);

}  // namespace ws::output::h5
