package org.dataembassy.runtime.crypto.asn1;

import java.io.IOException;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * A parsed DER structure rebuilt from Bouncy Castle's DER classes, for a constant part of many
 * signed responses (the responder's or the TSA's certificate). Bouncy Castle parses into DL
 * classes, and encoding those as DER converts the whole tree to new DER objects every time; a tree
 * of DER objects is encoded as it is. The rebuilt tree is checked to encode to the very bytes it was
 * read from; if it does not, the parsed tree is kept.
 */
public final class DerTree {

  private DerTree() {}

  /** {@code der} as a tree of DER objects that encodes back to exactly {@code der}. */
  public static ASN1Primitive of(byte[] der) throws IOException {
    ASN1Primitive parsed = ASN1Primitive.fromByteArray(der);
    ASN1Primitive rebuilt = rebuild(parsed);
    return Arrays.equals(rebuilt.getEncoded(ASN1Encoding.DER), der) ? rebuilt : parsed;
  }

  private static ASN1Primitive rebuild(ASN1Primitive value) {
    if (value instanceof ASN1Sequence sequence) {
      return new DERSequence(rebuildAll(sequence.toArray()));
    }
    if (value instanceof ASN1Set set) {
      return new DERSet(rebuildAll(set.toArray()));
    }
    if (value instanceof ASN1TaggedObject tagged) {
      return new DERTaggedObject(
          tagged.isExplicit(), tagged.getTagClass(), tagged.getTagNo(), rebuild(tagged.getBaseObject().toASN1Primitive()));
    }
    return value; // primitives encode the same in DL and DER
  }

  private static ASN1Encodable[] rebuildAll(ASN1Encodable[] elements) {
    ASN1Encodable[] rebuilt = new ASN1Encodable[elements.length];
    for (int i = 0; i < elements.length; i++) {
      rebuilt[i] = rebuild(elements[i].toASN1Primitive());
    }
    return rebuilt;
  }
}
