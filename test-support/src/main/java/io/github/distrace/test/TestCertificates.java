package io.github.distrace.test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority made at test time, with a server certificate for
 * {@code 127.0.0.1} and {@code localhost} and a client certificate, all signed by it and
 * written as PEM files, as an operator would hand them to an application.
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private static final char[] PASSWORD = "changeit".toCharArray();

	private final Path caCertificate;

	private final Path clientCertificate;

	private final Path clientPrivateKey;

	private final X509Certificate ca;

	private final X509Certificate server;

	private final PrivateKey serverKey;

	private TestCertificates(Path directory) throws IOException, GeneralSecurityException, OperatorCreationException {
		KeyPair caKeys = newKeyPair();
		X500Name caName = new X500Name("CN=distrace test CA " + SERIAL.get());
		this.ca = sign(
				new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
					.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
					.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
				caKeys.getPrivate());
		KeyPair serverKeys = newKeyPair();
		this.server = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
				new X500Name("CN=localhost"), serverKeys.getPublic())
			.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
							new GeneralName(GeneralName.dNSName, "localhost") })),
				caKeys.getPrivate());
		this.serverKey = serverKeys.getPrivate();
		KeyPair clientKeys = newKeyPair();
		X509Certificate client = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
				new X500Name("CN=distrace test client"), clientKeys.getPublic()), caKeys.getPrivate());
		Files.createDirectories(directory);
		this.caCertificate = write(directory.resolve("ca.pem"), pem("CERTIFICATE", this.ca.getEncoded()));
		this.clientCertificate = write(directory.resolve("client.pem"), pem("CERTIFICATE", client.getEncoded()));
		this.clientPrivateKey = write(directory.resolve("client-key.pem"),
				pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
	}

	/**
	 * Make a new certificate authority and its certificates, and write the CA certificate
	 * and the client's certificate and private key (PKCS#8) into the directory.
	 * @param directory where to write the PEM files
	 * @return the certificates
	 */
	public static TestCertificates create(Path directory) throws IOException {
		try {
			return new TestCertificates(directory);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IOException("Could not make test certificates", ex);
		}
	}

	/**
	 * Return the PEM file of the certificate authority's certificate, to trust.
	 * @return the path of the file
	 */
	public Path caCertificate() {
		return this.caCertificate;
	}

	/**
	 * Return the PEM file of the client certificate, signed by the certificate authority.
	 * @return the path of the file
	 */
	public Path clientCertificate() {
		return this.clientCertificate;
	}

	/**
	 * Return the PEM file of the client certificate's private key, in PKCS#8.
	 * @return the path of the file
	 */
	public Path clientPrivateKey() {
		return this.clientPrivateKey;
	}

	/**
	 * Return an SSL context for a server presenting the server certificate and trusting
	 * client certificates signed by the certificate authority.
	 * @return the SSL context
	 */
	SSLContext serverSslContext() throws GeneralSecurityException, IOException {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagerFactory().getKeyManagers(), trustManagerFactory().getTrustManagers(), null);
		return context;
	}

	KeyManagerFactory keyManagerFactory() throws GeneralSecurityException, IOException {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("server", this.serverKey, PASSWORD, new X509Certificate[] { this.server, this.ca });
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(keyStore, PASSWORD);
		return factory;
	}

	TrustManagerFactory trustManagerFactory() throws GeneralSecurityException, IOException {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("ca", this.ca);
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trustStore);
		return factory;
	}

	private static KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
			throws GeneralSecurityException, OperatorCreationException {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
	}

	private static BigInteger serial() {
		return BigInteger.valueOf(SERIAL.incrementAndGet());
	}

	private static Date notBefore() {
		return Date.from(Instant.now().minus(Duration.ofHours(1)));
	}

	private static Date notAfter() {
		return Date.from(Instant.now().plus(Duration.ofDays(1)));
	}

	private static String pem(String type, byte[] der) {
		String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
		return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
	}

	private static Path write(Path file, String content) throws IOException {
		return Files.writeString(file, content, StandardCharsets.US_ASCII);
	}

}
