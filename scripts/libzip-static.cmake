# libzip for the driver, built as a static archive from Debian's own source.
#
# Why: Debian ships libzip only as a shared library, and that library needs
# libcrypto (for WinZip AES entries, which colette refuses before reading:
# package.c).  Loading libcrypto and binding its 1,200 symbols costs 0.7 ms
# at every start, a fifth of a whole `colette convert` of a letter (3.7 ms
# against 2.9 ms, measured with perf stat over 200 runs).  So the driver,
# the program batches and scripts start once per letter, links libzip built
# here from the source package of the very version libzip-dev installed
# (same headers, same code), with bzip2 and xz as Debian builds it and
# without a crypto back-end.  The filters keep the shared libzip.
#
# The source is downloaded once from Debian's archive (deb.debian.org, the
# only registry colette's machines reach) and checked against the SHA-256
# that Debian's signed source description (.dsc) gives, pinned below per
# version.  With another version, no network, or no bzip2/xz headers the
# driver links the shared libzip, as before, and says so.
#
# In:  LIBZIP_VERSION (pkg-config), COLETTE_DOWNLOAD_DIR.
# Out: COLETTE_LIBZIP_A (the archive to link, empty when not built),
#      COLETTE_LIBZIP_A_LIBS (what it needs), the target colette-libzip.

set(COLETTE_LIBZIP_A "")
set(COLETTE_LIBZIP_A_LIBS "")

# upstream version -> SHA-256 of libzip_VERSION.orig.tar.xz, from the
# Checksums-Sha256 field of Debian's libzip_VERSION-N.dsc
set(colette_libzip_sha256_1.7.3 a60473ffdb7b4260c08bfa19c2ccea0438edac11193c3afbbb1f17fbcf6c6132)

set(colette_libzip_sha ${colette_libzip_sha256_${LIBZIP_VERSION}})
find_package(BZip2 QUIET)
find_package(LibLZMA QUIET)
if(NOT colette_libzip_sha)
  message(STATUS "colette: no pinned source for libzip ${LIBZIP_VERSION}; the driver links the shared libzip")
  return()
endif()
if(NOT BZIP2_FOUND OR NOT LIBLZMA_FOUND)
  message(STATUS "colette: bzip2 or xz headers missing (libbz2-dev, liblzma-dev); the driver links the shared libzip")
  return()
endif()

set(colette_libzip_tar ${COLETTE_DOWNLOAD_DIR}/libzip_${LIBZIP_VERSION}.orig.tar.xz)
if(EXISTS ${colette_libzip_tar})
  file(SHA256 ${colette_libzip_tar} colette_have)
  if(NOT colette_have STREQUAL colette_libzip_sha)
    file(REMOVE ${colette_libzip_tar})
  endif()
endif()
if(NOT EXISTS ${colette_libzip_tar})
  set(colette_url
      https://deb.debian.org/debian/pool/main/libz/libzip/libzip_${LIBZIP_VERSION}.orig.tar.xz)
  message(STATUS "colette: downloading libzip ${LIBZIP_VERSION}'s source from ${colette_url}")
  # no EXPECTED_HASH: with it a failed download is a configure error, and
  # this one must only fall back
  file(DOWNLOAD ${colette_url} ${colette_libzip_tar}.part
       TIMEOUT 120 INACTIVITY_TIMEOUT 30 STATUS colette_dl)
  list(GET colette_dl 0 colette_dl_code)
  list(GET colette_dl 1 colette_dl_msg)
  if(colette_dl_code EQUAL 0)
    file(SHA256 ${colette_libzip_tar}.part colette_have)
    if(NOT colette_have STREQUAL colette_libzip_sha)
      set(colette_dl_code 1)
      set(colette_dl_msg "SHA-256 ${colette_have}, not the pinned ${colette_libzip_sha}")
    endif()
  endif()
  if(NOT colette_dl_code EQUAL 0)
    file(REMOVE ${colette_libzip_tar}.part)
    message(WARNING "colette: cannot download libzip's source (${colette_dl_msg}); the driver links the shared libzip")
    return()
  endif()
  file(RENAME ${colette_libzip_tar}.part ${colette_libzip_tar})
endif()

include(ExternalProject)
if(POLICY CMP0135) # the extracted files get the time of extraction
  cmake_policy(SET CMP0135 NEW)
endif()
set(colette_libzip_prefix ${CMAKE_BINARY_DIR}/libzip-static)
set(COLETTE_LIBZIP_A ${colette_libzip_prefix}/lib/libzip.a)
ExternalProject_Add(colette-libzip
  URL ${colette_libzip_tar}
  URL_HASH SHA256=${colette_libzip_sha}
  PREFIX ${colette_libzip_prefix}
  CMAKE_ARGS
    -DCMAKE_INSTALL_PREFIX=<INSTALL_DIR> -DCMAKE_INSTALL_LIBDIR=lib
    -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
    -DCMAKE_POSITION_INDEPENDENT_CODE=OFF -DBUILD_SHARED_LIBS=OFF
    -DENABLE_BZIP2=ON -DENABLE_LZMA=ON
    -DENABLE_COMMONCRYPTO=OFF -DENABLE_GNUTLS=OFF -DENABLE_MBEDTLS=OFF
    -DENABLE_OPENSSL=OFF -DENABLE_WINDOWS_CRYPTO=OFF
    -DBUILD_TOOLS=OFF -DBUILD_REGRESS=OFF -DBUILD_EXAMPLES=OFF -DBUILD_DOC=OFF
    -Wno-dev
  BUILD_BYPRODUCTS ${COLETTE_LIBZIP_A}
  LOG_CONFIGURE ON LOG_BUILD ON LOG_INSTALL ON LOG_OUTPUT_ON_FAILURE ON)
set(COLETTE_LIBZIP_A_LIBS BZip2::BZip2 LibLZMA::LibLZMA z)
# The driver links bzip2 and xz from their archives too (libbz2-dev and
# liblzma-dev ship them): each shared library is one more object for the
# loader to map and bind at every start.
set(COLETTE_LIBZIP_A_STATIC_LIBS -Wl,-Bstatic -lbz2 -llzma -Wl,-Bdynamic)
message(STATUS "colette: the driver links libzip ${LIBZIP_VERSION} built from Debian's source, without libcrypto")
