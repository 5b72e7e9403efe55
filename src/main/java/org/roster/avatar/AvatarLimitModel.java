package org.roster.avatar;

import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The upload limit ({@code roster.avatar.max-bytes}) for the pages that offer an avatar
 * upload: the template renders it into the hint and a {@code data-} attribute that the
 * browser's pre-check reads, so both follow the configuration.
 */
@ControllerAdvice
class AvatarLimitModel {

	private final AvatarLimit limit;

	AvatarLimitModel(AvatarProperties properties) {
		this.limit = AvatarLimit.of(properties.maxBytes());
	}

	@ModelAttribute("avatarLimit")
	AvatarLimit avatarLimit() {
		return this.limit;
	}

	/**
	 * @param bytes the largest accepted upload
	 * @param text the same for people, e.g. {@code 5 MB}
	 */
	record AvatarLimit(long bytes, String text) {

		static AvatarLimit of(DataSize size) {
			return new AvatarLimit(size.toBytes(), text(size));
		}

		/**
		 * In the largest unit that shows it exactly (binary units, as Spring parses
		 * them).
		 */
		static String text(DataSize size) {
			long bytes = size.toBytes();
			if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
				return size.toMegabytes() + " MB";
			}
			if (bytes >= 1024 && bytes % 1024 == 0) {
				return size.toKilobytes() + " KB";
			}
			return bytes + " bytes";
		}

	}

}
