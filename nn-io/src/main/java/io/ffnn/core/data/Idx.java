package io.ffnn.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.ZipException;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognised by its
 * magic bytes, whatever the file is called): image files ({@code 0x00000803}: count, rows,
 * columns, then one unsigned byte per pixel) and label files ({@code 0x00000801}: count, then one
 * unsigned byte per label).
 *
 * <p>Everything is validated before anything large is allocated: the magic number, positive
 * dimensions, and the data length declared by the header against the real length of the file (for
 * gzip files the decompressed length, counted in a first streaming pass that keeps nothing, and
 * at most {@link #MAX_GZIP_RATIO} times the compressed size). So a file never makes ffnn allocate
 * more than about nine times its data (the bytes, then one double per pixel). A file that fails
 * is a {@link DataFormatException} naming it and the problem.
 */
public final class Idx {

  /** The magic number of unsigned-byte image files with three dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;

  /** The magic number of unsigned-byte label files with one dimension. */
  public static final int LABELS_MAGIC = 0x00000801;

  /**
   * How much larger than itself a gzip file may decompress: real IDX files compress 3 to 7 times;
   * a file claiming more is refused before anything is allocated for it.
   */
  public static final int MAX_GZIP_RATIO = 64;

  /** The standard file names of a directory, without the optional {@code .gz}. */
  private static final String[] STANDARD = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
      "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};

  private Idx() {}

  /**
   * A training and a test set, as a directory of the standard files holds them.
   *
   * @param train the training set ({@code train-*} files)
   * @param test the test set ({@code t10k-*} files)
   */
  public record TrainTest(Dataset train, Dataset test) {

    /** {@return the training set ({@code train-*} files)} */
    public Dataset train() {
      return train;
    }

    /** {@return the test set ({@code t10k-*} files)} */
    public Dataset test() {
      return test;
    }
  }

  /**
   * Reads an image file: pixel {@code p} of image {@code i} becomes {@code X[p, i] = byte / 255}.
   *
   * @param file the images
   * @return {@code (rows·columns) × count}, values in [0, 1]
   * @throws DataFormatException if the file is not a valid IDX image file
   * @throws IOException if it cannot be read
   */
  public static DMatrixRMaj readImages(Path file) throws IOException {
    Content c = openImages(file);
    byte[] bytes = c.body;
    int m = c.dims[0];
    int n = c.dims[1] * c.dims[2];
    DMatrixRMaj X = new DMatrixRMaj(n, m);
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < n; p++) {
        X.data[p * m + i] = (bytes[i * n + p] & 0xFF) / 255.0;
      }
    }
    return X;
  }

  /** An image file's header and pixels, checked to fit in one array. */
  private static Content openImages(Path file) throws IOException {
    Content c = open(file, IMAGES_MAGIC, 3);
    long pixels = (long) c.dims[1] * c.dims[2];
    if (pixels > Integer.MAX_VALUE / Math.max(1, c.dims[0])) {
      throw new DataFormatException(file, "the header declares " + c.dims[0] + " images of "
          + c.dims[1] + "x" + c.dims[2] + " pixels, too many to hold");
    }
    return c;
  }

  /**
   * Reads a label file.
   *
   * @param file the labels
   * @return one label (0…255) per example
   * @throws DataFormatException if the file is not a valid IDX label file
   * @throws IOException if it cannot be read
   */
  public static int[] readLabels(Path file) throws IOException {
    Content c = open(file, LABELS_MAGIC, 1);
    int[] labels = new int[c.dims[0]];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = c.body[i] & 0xFF;
    }
    return labels;
  }

  /**
   * Reads images with their labels as a classification dataset.
   *
   * @param images the image file
   * @param labels the label file
   * @param classes the number of classes (10 for MNIST); every label must be below it
   * @return the dataset, one-hot targets; it keeps the pixels as bytes (a quarter of the memory of
   *     {@code float} inputs, an eighth of {@code double}), read as {@code byte / 255} like {@link
   *     #readImages}
   * @throws DataFormatException if a file is invalid, the counts differ or a label is too large
   * @throws IOException if a file cannot be read
   */
  public static Dataset read(Path images, Path labels, int classes) throws IOException {
    Content c = openImages(images);
    int m = c.dims[0];
    int n = c.dims[1] * c.dims[2];
    int[] y = readLabels(labels);
    if (y.length != m) {
      throw new DataFormatException(labels, "holds " + y.length + " labels but " + images
          + " holds " + m + " images");
    }
    for (int i = 0; i < y.length; i++) {
      if (y[i] >= classes) {
        throw new DataFormatException(labels, "label " + i + " is " + y[i] + ", not a class 0.."
            + (classes - 1));
      }
    }
    if (n == 0) {
      return Dataset.classification(new DMatrixRMaj(0, m), y, classes);
    }
    // the pixels kept as read, example after example, each read as byte / 255: an eighth of
    // the double matrix readImages makes, with the same values
    return Dataset.ofBytes(c.body, n, 255.0, y, classes);
  }

  /**
   * Reads a directory with the four standard files ({@code train-images-idx3-ubyte},
   * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code
   * t10k-labels-idx1-ubyte}, each optionally ending in {@code .gz}) as MNIST-style training and
   * test sets of 10 classes.
   *
   * @param dir the directory
   * @return the training and test sets
   * @throws DataFormatException if a file is missing or invalid
   * @throws IOException if a file cannot be read
   */
  public static TrainTest readDirectory(Path dir) throws IOException {
    Path[] files = new Path[4];
    for (int k = 0; k < 4; k++) {
      Path plain = dir.resolve(STANDARD[k]);
      Path gz = dir.resolve(STANDARD[k] + ".gz");
      files[k] = Files.exists(plain) ? plain : Files.exists(gz) ? gz : null;
      if (files[k] == null) {
        throw new DataFormatException(dir, "missing " + STANDARD[k] + " (or " + STANDARD[k]
            + ".gz); an IDX directory holds train-images-idx3-ubyte, train-labels-idx1-ubyte, "
            + "t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte");
      }
    }
    return new TrainTest(read(files[0], files[1], 10), read(files[2], files[3], 10));
  }

  /** A validated header and its body. */
  private static final class Content {
    int[] dims;
    byte[] body;
  }

  private static Content open(Path file, int magic, int dimensions) throws IOException {
    boolean gzip = isGzip(file);
    long available;
    if (gzip) {
      available = countBytes(file);
    } else {
      available = Files.size(file);
    }
    try (DataInputStream in = new DataInputStream(stream(file, gzip))) {
      int found;
      try {
        found = in.readInt();
      } catch (EOFException e) {
        throw new DataFormatException(file, "too short for an IDX header (" + available
            + " bytes)");
      }
      if (found != magic) {
        throw new DataFormatException(file, String.format(
            "magic number 0x%08X, expected 0x%08X (%s)", found, magic,
            magic == IMAGES_MAGIC ? "unsigned-byte images, 3 dimensions"
                : "unsigned-byte labels, 1 dimension"));
      }
      Content c = new Content();
      c.dims = new int[dimensions];
      long declared = 1;
      for (int d = 0; d < dimensions; d++) {
        try {
          c.dims[d] = in.readInt();
        } catch (EOFException e) {
          throw new DataFormatException(file, "the header ends before dimension " + (d + 1));
        }
        if (c.dims[d] <= 0) {
          throw new DataFormatException(file, "dimension " + (d + 1) + " is " + c.dims[d]
              + "; dimensions must be positive");
        }
        declared *= c.dims[d];
        if (declared > Integer.MAX_VALUE) {
          throw new DataFormatException(file, "the header declares more than "
              + Integer.MAX_VALUE + " bytes of data");
        }
      }
      long header = 4L + 4L * dimensions;
      if (available - header != declared) {
        throw new DataFormatException(file, "the header declares " + declared
            + " bytes of data but the file " + (gzip ? "decompresses to " : "holds ")
            + Math.max(0, available - header) + (available - header < declared ? " (truncated)"
                : " (trailing bytes)"));
      }
      c.body = new byte[(int) declared];
      in.readFully(c.body);
      return c;
    } catch (EOFException e) {
      throw new DataFormatException(file, "ends early", e);
    } catch (ZipException e) {
      throw new DataFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
    }
  }

  private static boolean isGzip(Path file) throws IOException {
    DataFormatException.requireRegularFile(file);
    try (InputStream in = Files.newInputStream(file)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static InputStream stream(Path file, boolean gzip) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    return gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
  }

  /**
   * The decompressed length of a gzip file, member by member, keeping nothing but the compressed
   * bytes: the members must fill the file, and each member's trailer must match what it
   * decompressed to (its CRC-32 and its length modulo 2³²). {@code GZIPInputStream} stops silently
   * at bytes after a member that do not start another one, and checks a trailer only when it is
   * read to the end, which a reader of the declared bytes never does; here both are errors.
   */
  private static long countBytes(Path file) throws IOException {
    byte[] gz = Files.readAllBytes(file);
    long limit = (long) MAX_GZIP_RATIO * gz.length + (1 << 16);
    byte[] sink = new byte[1 << 16];
    long total = 0;
    int pos = 0;
    int members = 0;
    while (pos < gz.length) {
      if (gz.length - pos < 18 || (gz[pos] & 0xff) != 0x1f || (gz[pos + 1] & 0xff) != 0x8b
          || gz[pos + 2] != 8) {
        throw new DataFormatException(file, members == 0 ? "corrupt gzip data: no gzip header"
            : (gz.length - pos) + " bytes after gzip member " + members + " (from byte " + pos
                + ") do not start another member; a file with trailing garbage is refused");
      }
      int p = skipHeader(file, gz, pos);
      Inflater inflater = new Inflater(true);
      CRC32 crc = new CRC32();
      long size = 0;
      try {
        inflater.setInput(gz, p, gz.length - p);
        while (!inflater.finished()) {
          int r = inflater.inflate(sink);
          if (r == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
            throw new DataFormatException(file, "corrupt gzip data: member " + (members + 1)
                + " ends before its compressed data does");
          }
          crc.update(sink, 0, r);
          size += r;
          total += r;
          if (total > limit) {
            throw new DataFormatException(file, "decompresses to more than " + MAX_GZIP_RATIO
                + " times its size; refusing it (real IDX files compress 3 to 7 times)");
          }
        }
        pos = gz.length - inflater.getRemaining() + 8;
      } catch (java.util.zip.DataFormatException e) {
        throw new DataFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
      } finally {
        inflater.end();
      }
      if (pos > gz.length) {
        throw new DataFormatException(file, "corrupt gzip data: member " + (members + 1)
            + " has no trailer");
      }
      if (littleEndian(gz, pos - 8) != crc.getValue()
          || littleEndian(gz, pos - 4) != (size & 0xFFFFFFFFL)) {
        throw new DataFormatException(file, "corrupt gzip data: member " + (members + 1)
            + (littleEndian(gz, pos - 8) != crc.getValue() ? " fails its CRC-32 check"
                : " decompresses to " + size + " bytes, not the length its trailer records")
            + "; the file is damaged");
      }
      members++;
    }
    return total;
  }

  /** The unsigned little-endian 32-bit number at {@code at}, as gzip's trailer holds them. */
  private static long littleEndian(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  /** Where a gzip member's compressed data start, after its header's optional fields. */
  private static int skipHeader(Path file, byte[] gz, int pos) throws DataFormatException {
    int flags = gz[pos + 3] & 0xff;
    int p = pos + 10;
    if ((flags & 4) != 0) {
      p += 2 + ((gz[p] & 0xff) | (gz[p + 1] & 0xff) << 8);
    }
    for (int field : new int[] {8, 16}) {
      if ((flags & field) != 0) {
        while (p < gz.length && gz[p] != 0) {
          p++;
        }
        p++;
      }
    }
    if ((flags & 2) != 0) {
      p += 2;
    }
    if (p >= gz.length) {
      throw new DataFormatException(file, "corrupt gzip data: a member header runs past the end");
    }
    return p;
  }
}
