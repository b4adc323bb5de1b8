package org.dataembassy.runtime.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.dataembassy.runtime.crypto.keys.FieldCipher;

/**
 * Stores a projection's personal data (names, personal codes, addresses, history bodies) as
 * AES-GCM ciphertext under the state's data key, so a site's database files, backups and dumps
 * hold none of it in the clear; entities keep the plain value in memory. Put {@code
 * @Convert(converter = EncryptedText.class)} on the column and size it for the ciphertext ({@link
 * #columnLength}); look values up through a {@link org.dataembassy.runtime.crypto.keys.BlindIndex}
 * column, never by the encrypted one.
 */
@ApplicationScoped
@Converter
public class EncryptedText implements AttributeConverter<String, String> {

  @Inject FieldCipher cipher;

  @Override
  public String convertToDatabaseColumn(String plain) {
    return plain == null ? null : cipher.encrypt(plain);
  }

  @Override
  public String convertToEntityAttribute(String stored) {
    return stored == null ? null : cipher.decrypt(stored);
  }

  /**
   * The column length that holds the ciphertext of a value of up to {@code characters} characters
   * (UTF-8 up to 4 bytes each, 33 bytes of header, nonce and tag, base64).
   */
  public static int columnLength(int characters) {
    return ((characters * 4 + 33 + 2) / 3) * 4;
  }
}
