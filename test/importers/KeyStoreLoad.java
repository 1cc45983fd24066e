// Opens a PKCS#12 file the way Java business software does: KeyStore.getInstance("PKCS12").load(...).
// Run as a single-file source program (Java 11+), no javac step:
//   java KeyStoreLoad.java <password-file> < file.p12
// The file comes on stdin and the password from a UTF-8 file, so that neither the locale nor
// the JVM's file-name encoding can change the bytes tested (the holder's name has accents).
// Prints one "key=value" line per fact; on failure prints "error=..." lines and exits with 2.
import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HexFormat;

public class KeyStoreLoad {
  public static void main(String[] args) throws Exception {
    // UTF-8 whatever the locale: aliases and subjects hold accents.
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
    String text = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    char[] password = text.replaceFirst("\\r?\\n$", "").toCharArray();
    byte[] bytes = System.in.readAllBytes();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try {
      store.load(new ByteArrayInputStream(bytes), password);
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        System.out.println("error=" + t.getClass().getName() + ": " + t.getMessage());
      }
      System.exit(2);
    }
    System.out.println("entries=" + store.size());
    for (String alias : Collections.list(store.aliases())) {
      System.out.println("alias=" + alias);
      boolean keyed = store.isKeyEntry(alias);
      System.out.println("privateKeyEntry=" + store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class));
      if (!keyed) continue;
      PrivateKey key = (PrivateKey) store.getKey(alias, password);
      Certificate[] chain = store.getCertificateChain(alias);
      System.out.println("keyAlgorithm=" + key.getAlgorithm());
      System.out.println("chainLength=" + chain.length);
      for (Certificate c : chain) {
        System.out.println("chainSubject=" + ((X509Certificate) c).getSubjectX500Principal().getName());
      }
      X509Certificate leaf = (X509Certificate) chain[0];
      System.out.println("leafSha256=" + HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded())));
      // The key belongs to the certificate if a signature made with it verifies with the certificate's public key.
      String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
      byte[] data = "SNE toolbox".getBytes(StandardCharsets.UTF_8);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(leaf.getPublicKey());
      verifier.update(data);
      System.out.println("keyMatchesCertificate=" + verifier.verify(signature));
    }
  }
}
