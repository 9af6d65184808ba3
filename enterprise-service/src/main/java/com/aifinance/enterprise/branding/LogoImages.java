package com.aifinance.enterprise.branding;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.aifinance.common.web.ApiProblem;
import com.aifinance.common.web.ProblemTypes;
import org.springframework.http.HttpStatus;

/**
 * Accepts only real PNG and JPEG images: the bytes must start with the format's signature, agree with the declared
 * type, and decode; the dimensions are read from the header before decoding, so a tiny file that claims a huge
 * image (a decompression bomb) is refused without allocating it. SVG is refused: it can carry script.
 */
final class LogoImages {

    private static final Map<String, byte[]> SIGNATURES = Map.of(
            "image/png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a},
            "image/jpeg", new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff});

    private LogoImages() {
    }

    static Brandings.Logo validate(byte[] bytes, String declaredType, BrandingProperties properties) {
        if (bytes.length > properties.maxLogoBytes()) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Logo too large",
                    "A logo may be at most " + properties.maxLogoBytes() / 1024 + " KB.");
        }
        String type = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        byte[] signature = SIGNATURES.get(type);
        if (signature == null) {
            throw new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported logo type", "A logo must be a PNG or JPEG image.");
        }
        if (bytes.length < signature.length || !Arrays.equals(bytes, 0, signature.length, signature, 0,
                signature.length)) {
            throw ApiProblem.invalid("The file is not a " + type + " image.");
        }
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw ApiProblem.invalid("The image cannot be read.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if (width < 16 || height < 16 || width > properties.maxLogoPixels()
                        || height > properties.maxLogoPixels()) {
                    throw ApiProblem.invalid("A logo must be 16 to " + properties.maxLogoPixels()
                            + " pixels wide and high; this one is " + width + "x" + height + ".");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw ApiProblem.invalid("The image cannot be read.");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiProblem problem) {
                throw problem;
            }
            throw ApiProblem.invalid("The image is damaged or not what its type says.");
        }
        return new Brandings.Logo(type, bytes, sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
