#include "sim/output/slab_reader.hpp"

#include <stdexcept>

#include "sim/common/error.hpp"
#include "sim/output/hdf5_util.hpp"

namespace ws::output {

struct SlabReader::Impl {
  struct Var {
    h5::Handle dataset;
    std::vector<hsize_t> shape, chunk;
    bool integer = false;
  };
  std::filesystem::path path;
  h5::Handle file;
  std::map<std::string, Var> vars;

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(path.string() + ": damaged results file (" + what + ": " + h5::last_error() + ")");
  }

  Var& open(const std::string& name) {
    if (auto it = vars.find(name); it != vars.end()) return it->second;
    Var v;
    const hid_t ds = H5Dopen2(file.get(), name.c_str(), H5P_DEFAULT);
    if (ds < 0) fail("open " + name);
    v.dataset = h5::Handle(ds, H5Dclose);
    h5::Handle space(H5Dget_space(ds), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 2) throw std::logic_error(name + " has no replication axis");
    v.shape.resize(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), v.shape.data(), nullptr);
    h5::Handle dcpl(H5Dget_create_plist(ds), H5Pclose);
    v.chunk.assign(v.shape.size(), 1);
    if (H5Pget_layout(dcpl.get()) == H5D_CHUNKED) H5Pget_chunk(dcpl.get(), rank, v.chunk.data());
    h5::Handle type(H5Dget_type(ds), H5Tclose);
    v.integer = H5Tget_class(type.get()) == H5T_INTEGER;
    return vars.emplace(name, std::move(v)).first->second;
  }
};

SlabReader::SlabReader(const std::filesystem::path& path) : impl_(std::make_unique<Impl>()) {
  h5::QuietErrors quiet;
  impl_->path = path;
  h5::Handle fapl = h5::plist(H5Pcreate(H5P_FILE_ACCESS), "file access properties");
  H5Pset_file_locking(fapl.get(), true, true);
  // Room for a chunk of each variable (a chunk is at most 1 MiB): a block of rows that ends inside a chunk
  // finds it again when the next block starts there.
  H5Pset_cache(fapl.get(), 0, 521, 1 << 20, 1.0);
  const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, fapl.get());
  if (file < 0) impl_->fail("open");
  impl_->file = h5::Handle(file, H5Fclose);
}

SlabReader::~SlabReader() = default;

std::size_t SlabReader::rows_per_chunk(const std::string& variable) {
  h5::QuietErrors quiet;
  return static_cast<std::size_t>(impl_->open(variable).chunk[1]);
}

std::vector<double> SlabReader::read_rows(const std::string& variable, std::size_t scenario,
                                          std::size_t first, std::size_t rows) {
  h5::QuietErrors quiet;
  Impl::Var& v = impl_->open(variable);
  std::vector<hsize_t> start(v.shape.size(), 0), count(v.shape);
  start[0] = scenario;
  count[0] = 1;
  start[1] = first;
  count[1] = rows;
  if (scenario >= v.shape[0] || first + rows > v.shape[1])
    throw std::out_of_range(variable + ": rows past the end of the replication axis");
  hsize_t n = 1;
  for (hsize_t c : count) n *= c;
  std::vector<double> out(n);
  if (n == 0) return out;
  h5::Handle file_space(H5Dget_space(v.dataset.get()), H5Sclose);
  H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, start.data(), nullptr, count.data(), nullptr);
  h5::Handle memory_space = h5::block_space(count, "read " + variable);
  // Doubles whatever the stored type: int32 counts convert exactly.
  if (H5Dread(v.dataset.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
              out.data()) < 0)
    impl_->fail("read " + variable);
  return out;
}

}  // namespace ws::output
