/* mc-fake-data-files.c: the attachments of the generated chats.
 *
 * An uploaded file keeps its bytes; a generated one keeps only a seed and
 * a size, and its contents (a real PNG or PDF padded to that size) are
 * made when it is downloaded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "mc-fake-data-private.h"

/* Files */

McFakeFile *
mc_fake_file_new_uploaded (guint       business,
                           const char *name,
                           const char *content_type,
                           GBytes     *bytes)
{
  McFakeFile *file = g_new0 (McFakeFile, 1);

  file->business = business;
  file->name = g_strdup (name);
  file->content_type = g_strdup (content_type);
  file->data = g_bytes_ref (bytes);
  file->size = g_bytes_get_size (bytes);

  return file;
}

McFakeFile *
mc_fake_data_find_file (McFakeData *data,
                        gint64      file_id)
{
  return g_hash_table_lookup (data->files, &file_id);
}

static guint32
crc32_update (guint32       crc,
              const guint8 *buf,
              gsize         len)
{
  static guint32 table[256];

  if (table[1] == 0)
    for (guint32 n = 0; n < 256; n++)
      {
        guint32 c = n;

        for (int k = 0; k < 8; k++)
          c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
      }

  crc = ~crc;
  for (gsize i = 0; i < len; i++)
    crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
  return ~crc;
}

static void
put_be32 (GByteArray *out,
          guint32     value)
{
  guint8 b[4] = { value >> 24, value >> 16, value >> 8, value };

  g_byte_array_append (out, b, 4);
}

static void
png_chunk (GByteArray   *out,
           const char   *type,
           const guint8 *payload,
           gsize         len)
{
  guint32 crc;

  put_be32 (out, len);
  g_byte_array_append (out, (const guint8 *) type, 4);
  if (len > 0)
    g_byte_array_append (out, payload, len);
  crc = crc32_update (0, (const guint8 *) type, 4);
  crc = crc32_update (crc, payload, len);
  put_be32 (out, crc);
}

/* A real picture (a gradient in the file's own colours) padded with a private
 * ancillary chunk to the size the payload announced. */
static GBytes *
make_png (const McFakeFile *file)
{
  const guint width = 160, height = 120;
  guint64 rng = file->seed;
  guint8 c1[3], c2[3];
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autoptr(GByteArray) z = g_byte_array_new ();
  GByteArray *out = g_byte_array_new ();
  guint8 ihdr[13] = { 0 };
  guint32 a = 1, b = 0;
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize padding;

  for (int i = 0; i < 3; i++)
    {
      c1[i] = mc_fake_rand_below (&rng, 256);
      c2[i] = mc_fake_rand_below (&rng, 256);
    }

  for (guint y = 0; y < height; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint x = 0; x < width; x++)
        for (int i = 0; i < 3; i++)
          {
            guint8 v = (c1[i] * (width - x) + c2[i] * x) / width ^ (((x / 16) + (y / 16)) % 2 ? 0x10 : 0);
            g_byte_array_append (raw, &v, 1);
          }
    }

  /* zlib with stored deflate blocks: no compressor needed. */
  {
    guint8 header[2] = { 0x78, 0x01 };
    g_byte_array_append (z, header, 2);
  }
  for (gsize off = 0; off < raw->len; off += 65535)
    {
      gsize len = MIN (65535, raw->len - off);
      guint8 block[5] = { off + len >= raw->len ? 1 : 0, len & 0xff, len >> 8,
                          ~len & 0xff, (~len >> 8) & 0xff };

      g_byte_array_append (z, block, 5);
      g_byte_array_append (z, raw->data + off, len);
    }
  for (gsize i = 0; i < raw->len; i++)
    {
      a = (a + raw->data[i]) % 65521;
      b = (b + a) % 65521;
    }
  put_be32 (z, (b << 16) | a);

  ihdr[0] = width >> 24; ihdr[1] = width >> 16; ihdr[2] = width >> 8; ihdr[3] = width;
  ihdr[4] = height >> 24; ihdr[5] = height >> 16; ihdr[6] = height >> 8; ihdr[7] = height;
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* truecolour */

  g_byte_array_append (out, signature, sizeof signature);
  png_chunk (out, "IHDR", ihdr, sizeof ihdr);
  png_chunk (out, "IDAT", z->data, z->len);

  padding = out->len + 24 < file->size ? file->size - out->len - 24 : 0;
  {
    g_autofree guint8 *pad = g_malloc0 (padding + 1);
    png_chunk (out, "mcPd", pad, padding);
  }
  png_chunk (out, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (out);
}

/* A one-page PDF whose header comment pads it to @padding bytes. */
static GString *
build_pdf (gsize padding)
{
  GString *pdf = g_string_new ("%PDF-1.4\n%");
  static const char stream[] = "BT /F1 24 Tf 72 770 Td (Market Chats demo document) Tj ET";
  gsize offsets[5];
  gsize xref;

  for (gsize i = 0; i < padding; i++)
    g_string_append_c (pdf, (char) ('a' + i % 26));
  g_string_append_c (pdf, '\n');

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj << /Length %zu >> stream\n%s\nendstream endobj\n",
                          strlen (stream), stream);
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (int i = 1; i < 5; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer << /Size 5 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);

  return pdf;
}

static GBytes *
make_pdf (const McFakeFile *file)
{
  GString *pdf = build_pdf (0);
  gsize padding = 0;

  /* The xref offset's digits depend on the padding: settle in a few tries. */
  for (int i = 0; i < 3 && pdf->len != file->size && pdf->len - padding < file->size; i++)
    {
      padding = file->size - (pdf->len - padding);
      g_string_free (pdf, TRUE);
      pdf = build_pdf (padding);
    }

  return g_string_free_to_bytes (pdf);
}

GBytes *
mc_fake_file_get_contents (McFakeFile *file)
{
  if (file->data != NULL)
    return g_bytes_ref (file->data);
  if (g_str_equal (file->content_type, "application/pdf"))
    return make_pdf (file);
  return make_png (file);
}
