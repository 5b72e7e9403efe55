package org.roster.web;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roster.account.AccountTestSupport;
import org.roster.testsupport.DatabaseTest;
import org.roster.testsupport.TestDatabase;
import org.roster.user.User;
import org.roster.user.UserService;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.roster.account.AccountTestSupport.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Pages and problems speak the visitor's language: {@code Accept-Language}, or the
 * {@code ROSTER_LANG} cookie that the footer's {@code ?lang=} links set; English
 * otherwise. Problem types stay the same in every language.
 */
@DatabaseTest
class LanguagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	UserService users;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	DataSource dataSource;

	@BeforeEach
	void setUp() {
		new TestDatabase(this.dataSource).deleteAllUsers();
	}

	@Test
	void acceptLanguageGermanRendersGermanPages() throws Exception {
		this.mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.5"))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("<html lang=\"de\""), containsString("<title>Anmelden · Roster</title>"),
						containsString("Benutzername oder E-Mail-Adresse"), containsString("Noch kein Konto?"),
						not(containsString("Username or email")))));
		this.mvc.perform(get("/register").header(HttpHeaders.ACCEPT_LANGUAGE, "de"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Konto anlegen"), containsString("Passwort wiederholen"),
					containsString("Passwort eingeben"), not(containsString("Create an account")))));
	}

	/**
	 * The scripts' texts come with the page, unformatted, with zxcvbn's hints translated.
	 */
	@Test
	void scriptsGetTheirTextsInThePageLanguage() throws Exception {
		String german = this.mvc.perform(get("/register").header(HttpHeaders.ACCEPT_LANGUAGE, "de"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(german).contains("<meta name=\"roster-messages\"")
			.contains("&quot;js.strength.level.0&quot;:&quot;Sehr schwach&quot;")
			.contains("&quot;js.users.other&quot;:&quot;{0} Benutzer&quot;")
			.contains("&quot;status.SUSPENDED&quot;:&quot;Gesperrt&quot;")
			.contains(
					"&quot;This is a very common password&quot;:&quot;Das ist ein sehr häufig verwendetes Passwort.&quot;");
		String english = this.mvc.perform(get("/register")).andReturn().getResponse().getContentAsString();
		assertThat(english).contains("&quot;js.strength.level.0&quot;:&quot;Very weak&quot;")
			.doesNotContain("Sehr schwach");
	}

	@Test
	void unsupportedLanguagesGetEnglish() throws Exception {
		this.mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR,fr;q=0.9"))
			.andExpect(
					content().string(allOf(containsString("<html lang=\"en\""), containsString("Username or email"))));
		this.mvc.perform(get("/login").param("lang", "fr"))
			.andExpect(content().string(containsString("Username or email")));
		this.mvc.perform(get("/login").cookie(new Cookie("ROSTER_LANG", "fr")))
			.andExpect(content().string(containsString("<html lang=\"en\"")));
	}

	@Test
	void theSwitchSetsACookieThatTheNextPageFollows() throws Exception {
		MvcResult switched = this.mvc
			.perform(get("/login").param("lang", "de").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(content().string(containsString("Benutzername oder E-Mail-Adresse")))
			.andReturn();
		Cookie cookie = switched.getResponse().getCookie("ROSTER_LANG");
		assertThat(cookie).isNotNull();
		assertThat(cookie.getValue()).isEqualTo("de");
		assertThat(switched.getResponse().getHeader(HttpHeaders.SET_COOKIE)).contains("SameSite=Lax");

		this.mvc.perform(get("/register").cookie(cookie).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
			.andExpect(content().string(allOf(containsString("<html lang=\"de\""), containsString("Konto anlegen"))));
	}

	@Test
	void theFooterOffersBothLanguages() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(content().string(allOf(containsString("href=\"?lang=de\""), containsString(">Deutsch</a>"),
					containsString("href=\"?lang=en\""), containsString(">English</a>"))));
	}

	@Test
	void theLanguageLinksKeepThePagesQuery() throws Exception {
		// A mailed link's token, the user list's filters: switching language keeps them.
		this.mvc.perform(get("/reset-password?token=abc_DEF-123&lang=en"))
			.andExpect(content().string(allOf(containsString("href=\"?token=abc_DEF-123&amp;lang=de\""),
					containsString("href=\"?token=abc_DEF-123&amp;lang=en\""))));
		this.mvc.perform(get("/login?registered"))
			.andExpect(content().string(containsString("href=\"?registered&amp;lang=de\"")));
	}

	@Test
	void registrationErrorsAreGerman() throws Exception {
		this.mvc
			.perform(post("/register").header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.with(csrf())
				.with(AccountTestSupport.freshClient())
				.param("username", "x")
				.param("email", "nope")
				.param("password", "short")
				.param("passwordConfirm", "other"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("3 bis 32 Zeichen"),
					containsString("Geben Sie eine gültige E-Mail-Adresse ein."),
					containsString("Verwenden Sie mindestens 8 Zeichen."))));
	}

	@Test
	void validationProblemsAreGermanWithTheSameType() throws Exception {
		User alice = new AccountTestSupport(this.users, this.encoder).user("alice");
		String body = """
				{"profile": {"fullName": "%s", "website": "ftp://example.com", "email": "not-an-address"},
				 "version": 0}""".formatted("x".repeat(101));
		this.mvc
			.perform(put("/edit_user").param("id", String.valueOf(alice.getId()))
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/validation"))
			.andExpect(jsonPath("$.title").value("Ungültige Eingabe"))
			.andExpect(jsonPath("$.detail").value("Einige Felder sind nicht gültig."))
			.andExpect(jsonPath("$.errors['profile.fullName']").value("höchstens 100 Zeichen"))
			.andExpect(
					jsonPath("$.errors['profile.website']").value("muss eine Adresse mit http:// oder https:// sein"))
			.andExpect(jsonPath("$.errors['profile.email']").value("keine gültige E-Mail-Adresse"));

		this.mvc
			.perform(put("/edit_user").param("id", String.valueOf(alice.getId()))
				.with(as(alice))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(jsonPath("$.type").value("/problems/validation"))
			.andExpect(jsonPath("$.title").value("Invalid input"))
			.andExpect(jsonPath("$.errors['profile.fullName']").value("at most 100 characters"));
	}

	@Test
	void problemsFromFiltersFollowTheCookie() throws Exception {
		this.mvc.perform(get("/edit_user").param("id", "1").cookie(new Cookie("ROSTER_LANG", "de")))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.type").value("/problems/unauthorized"))
			.andExpect(jsonPath("$.title").value("Nicht angemeldet"))
			.andExpect(jsonPath("$.detail").value("Melden Sie sich zuerst an."));
	}

	/**
	 * Query errors, image checks and Spring MVC's own failures speak the language too.
	 */
	@Test
	void queryImageAndRequestProblemsAreGerman() throws Exception {
		User admin = new AccountTestSupport(this.users, this.encoder).admin("root");
		this.mvc
			.perform(get("/user_list").param("size", "0")
				.accept(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.with(as(admin)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-query"))
			.andExpect(jsonPath("$.detail").value("size: muss zwischen 1 und 100 liegen"))
			.andExpect(jsonPath("$.errors.size").value("muss zwischen 1 und 100 liegen"));
		this.mvc.perform(get("/user_list").param("role", "boss").accept(MediaType.APPLICATION_JSON).with(as(admin)))
			.andExpect(jsonPath("$.errors.role").value("unknown value 'boss'"));

		this.mvc
			.perform(multipart("/users/{id}/image", admin.getId())
				.file(new MockMultipartFile("image", "a.png", "image/png", "not an image".getBytes()))
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.accept(MediaType.APPLICATION_JSON)
				.with(as(admin))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.type").value("/problems/invalid-image"))
			.andExpect(jsonPath("$.detail").value("Kein JPEG-, PNG-, GIF- oder WebP-Bild."));

		this.mvc
			.perform(get("/edit_user").accept(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.with(as(admin)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Der Parameter „id“ fehlt."));
		this.mvc
			.perform(get("/edit_user").param("id", "abc")
				.accept(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.with(as(admin)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("„abc“ ist kein gültiger Wert für „id“."));
		this.mvc
			.perform(patch("/edit_user").param("id", "1")
				.accept(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.with(as(admin))
				.with(csrf()))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(jsonPath("$.detail").value("Die Methode „PATCH“ wird nicht unterstützt."));
	}

}
