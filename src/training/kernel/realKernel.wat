;; The native engine's real fast path in WebAssembly SIMD (issue 14: paper mode's speed).
;;
;; Two points per instruction (f64x2). exp and log are evaluated inline as polynomials, because a call to
;; Math.exp / Math.log costs more than the whole rest of a point; lanes outside the polynomials' range (overflow,
;; underflow, subnormal or non-finite arguments) call the imported Math functions instead, so every value the
;; scalar path produces is produced here too, within an ulp or two of the same number.
;;
;; Memory is the tree's own (imported): byte offsets of its value, exp, gradient and flag arrays come in as
;; arguments. Every array row is padded to an even length; `n` is the real point count and the padding lane of an
;; odd row is masked out of every check, sum and write-back that matters.
;; Bytes 0..15 of memory hold the backward pass's two gate-gradient sums, bytes 16..39 a leaf's three weight
;; gradients. The build (scripts/kernelSource.ts) moves the v128 constants written inline here into a table from
;; byte 64, read from memory in the loops (V8 would rebuild each one at every use).
(module
  (import "env" "memory" (memory 1))
  (import "math" "exp" (func $exp1 (param f64) (result f64)))
  (import "math" "log" (func $log1 (param f64) (result f64)))

  (func $expSlow (param $x v128) (result v128)
    (f64x2.replace_lane 1
      (f64x2.splat (call $exp1 (f64x2.extract_lane 0 (local.get $x))))
      (call $exp1 (f64x2.extract_lane 1 (local.get $x)))))

  (func $logSlow (param $x v128) (result v128)
    (f64x2.replace_lane 1
      (f64x2.splat (call $log1 (f64x2.extract_lane 0 (local.get $x))))
      (call $log1 (f64x2.extract_lane 1 (local.get $x)))))

;; Forward through node j, both children real: out = exp(sL + (1−sL)·L) − log(sR + (1−sR)·R) with the scrub
  ;; (NaN → 0, beyond ±C → ±C) and flags 3 (kept) / 2 (scrubbed). Offsets in bytes: vre rows L, R, out; ere row (the
  ;; exps); ok row; lg row (the logs, kept for tests). Returns the node's overflow-penalty sum (0 unless withInter),
  ;; or −1 when some point's log argument is not > 0 (the caller reruns the node on the complex path, which rewrites
  ;; everything written here). One pass, exp and log inline (a call per pair cost more than either).
  ;;
  ;; exp(a) = 2^k · e^r, r = a − k·ln2 in [−ln2/2, ln2/2] (ln2 split in two so k·LN2HI is exact),
  ;; e^r = 1 + r + r²·q(r), q of degree 9 interpolating (e^r − 1 − r)/r² at Chebyshev points (error 1e−16, so
  ;; under 2e−17 relative in e^r; the constants were computed with mpmath.chebyfit at 50 digits); for |a| ≤ 708.
  ;; log(b) for normal positive finite b: b = 2^e · m with m in [√½, √2), f = m − 1, s = f/(2+f), and
  ;; log m = 2·atanh s = f − hf² + s·(hf² + R), hf² = f²/2, R = z·P(z) with z = s² ≤ 0.0295 and P of degree 6
  ;; interpolating (2 atanh s − 2s)/(s z) at Chebyshev points (error 3e−16, i.e. 5e−18 relative in log m; mpmath).
  ;; Pairs with a lane outside those ranges call Math.exp / Math.log for both lanes.
  (func (export "forward")
    (param $cl i32) (param $cr i32) (param $o i32) (param $e i32) (param $ok i32) (param $n i32)
    (param $sL f64) (param $sR f64) (param $byL i32) (param $byR i32) (param $C f64) (param $thr f64)
    (param $withInter i32) (param $lg i32) (result f64)
    (local $p i32) (local $q i32) (local $valid v128) (local $a v128) (local $b v128) (local $re v128)
    (local $keep v128) (local $alt v128) (local $mag v128) (local $lvl v128) (local $bits i32)
    (local $all v128) (local $lane0 v128) (local $ea v128) (local $lb v128)
    ;; exp's temporaries
    (local $t v128) (local $k v128) (local $r v128) (local $poly v128) (local $scale v128) (local $r2 v128) (local $r4 v128)
    ;; log's temporaries
    (local $ex v128) (local $m v128) (local $f v128) (local $s v128) (local $z v128) (local $R v128)
    (local $hfsq v128) (local $ef v128) (local $z2 v128)
    (local $vsL v128) (local $vuL v128) (local $vsR v128) (local $vuR v128) (local $vC v128) (local $vthr v128)
    (local.set $all (v128.not (v128.const i64x2 0 0)))
    (local.set $lane0 (v128.const i64x2 -1 0))
    ;; Loop invariants splatted once.
    (local.set $vsL (f64x2.splat (local.get $sL)))
    (local.set $vuL (f64x2.splat (f64.sub (f64.const 1) (local.get $sL))))
    (local.set $vsR (f64x2.splat (local.get $sR)))
    (local.set $vuR (f64x2.splat (f64.sub (f64.const 1) (local.get $sR))))
    (local.set $vC (f64x2.splat (local.get $C)))
    (local.set $vthr (f64x2.splat (local.get $thr)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_s (local.get $p) (local.get $n)))
        (local.set $q (i32.shl (local.get $p) (i32.const 3)))
        (local.set $valid
          (select (result v128) (local.get $all) (local.get $lane0) (i32.lt_s (i32.add (local.get $p) (i32.const 1)) (local.get $n))))
        (local.set $b
          (if (result v128) (local.get $byR)
            (then (v128.const f64x2 1 1))
            (else (f64x2.add (local.get $vsR)
              (f64x2.mul (local.get $vuR)
                (v128.load (i32.add (local.get $cr) (local.get $q))))))))
        (local.set $a
          (if (result v128) (local.get $byL)
            (then (v128.const f64x2 1 1))
            (else (f64x2.add (local.get $vsL)
              (f64x2.mul (local.get $vuL)
                (v128.load (i32.add (local.get $cl) (local.get $q))))))))
        ;; Padding lanes get harmless arguments: log 1 and exp 0.
        (local.set $b (v128.bitselect (local.get $b) (v128.const f64x2 1 1) (local.get $valid)))
        (local.set $a (v128.bitselect (local.get $a) (v128.const f64x2 0 0) (local.get $valid)))
        ;; Arguments in range for the polynomials (padding lanes are): both inline. Otherwise a logarithm of a
        ;; value ≤ 0 or NaN means the complex path, and anything else (overflow, subnormals, ∞) Math.exp / Math.log.
        (if (i64x2.all_true
              (v128.and (f64x2.le (f64x2.abs (local.get $a)) (v128.const f64x2 708 708))
                (v128.and
                  (f64x2.ge (local.get $b) (v128.const f64x2 2.2250738585072014e-308 2.2250738585072014e-308))
                  (f64x2.le (local.get $b) (v128.const f64x2 1.7976931348623157e308 1.7976931348623157e308)))))
          (then
            ;; A bypassed child feeds 1: e, as Math.exp(1) gives it.
            (if (local.get $byL)
              (then (local.set $ea (v128.const f64x2 2.718281828459045 2.718281828459045)))
              (else
                ;; k = round(x/ln2) by the shifter 1.5·2^52: t's low mantissa bits then hold k in two's complement.
                (local.set $t
                  (f64x2.add (f64x2.mul (local.get $a) (v128.const f64x2 1.4426950408889634 1.4426950408889634))
                    (v128.const f64x2 6755399441055744 6755399441055744)))
                (local.set $k (f64x2.sub (local.get $t) (v128.const f64x2 6755399441055744 6755399441055744)))
                (local.set $r
                  (f64x2.sub
                    (f64x2.sub (local.get $a) (f64x2.mul (local.get $k) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01)))
                    (f64x2.mul (local.get $k) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))
                ;; Estrin's scheme: five independent pairs, then three levels, so the chain of dependent operations is short.
                (local.set $r2 (f64x2.mul (local.get $r) (local.get $r)))
                (local.set $r4 (f64x2.mul (local.get $r2) (local.get $r2)))
                (local.set $poly
                  (f64x2.add
                    (f64x2.add
                      (f64x2.add (v128.const f64x2 0.5000000000000001 0.5000000000000001) (f64x2.mul (local.get $r) (v128.const f64x2 0.16666666666666669 0.16666666666666669)))
                      (f64x2.mul (local.get $r2) (f64x2.add (v128.const f64x2 0.041666666666624164 0.041666666666624164) (f64x2.mul (local.get $r) (v128.const f64x2 0.008333333333330065 0.008333333333330065)))))
                    (f64x2.mul (local.get $r4)
                      (f64x2.add
                        (f64x2.add
                          (f64x2.add (v128.const f64x2 0.0013888888917196719 0.0013888888917196719) (f64x2.mul (local.get $r) (v128.const f64x2 0.00019841269863040545 0.00019841269863040545)))
                          (f64x2.mul (local.get $r2) (f64x2.add (v128.const f64x2 2.4801521322368692e-05 2.4801521322368692e-05) (f64x2.mul (local.get $r) (v128.const f64x2 2.7557268480310024e-06 2.7557268480310024e-06)))))
                        (f64x2.mul (local.get $r4) (f64x2.add (v128.const f64x2 2.7620075879983367e-07 2.7620075879983367e-07) (f64x2.mul (local.get $r) (v128.const f64x2 2.5100375832561234e-08 2.5100375832561234e-08))))))))
                (local.set $poly (f64x2.mul (local.get $poly) (local.get $r2)))
                ;; e^r = 1 + (r + r²·(…)): the small terms are summed before the 1 so they round once.
                (local.set $poly (f64x2.add (v128.const f64x2 1 1) (f64x2.add (local.get $r) (local.get $poly))))
                ;; 2^k built in the exponent field: |k| ≤ 1022 here.
                (local.set $scale
                  (i64x2.add (i64x2.shl (local.get $t) (i32.const 52)) (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000)))
                (local.set $ea (f64x2.mul (local.get $poly) (local.get $scale)))))
            (if (local.get $byR)
              (then (local.set $lb (v128.const f64x2 0 0)))
              (else
                (local.set $lb
                  ;; Subtracting the bits of √½ makes the exponent field round m into [√½, √2); adding those of 1 keeps the
                  ;; field positive, so a logical shift gives e + 1023 (SSE has no 64-bit arithmetic shift).
                  (local.set $ex
                    (i64x2.shr_u
                      (i64x2.add (i64x2.sub (local.get $b) (v128.const i64x2 0x3fe6a09e667f3bcd 0x3fe6a09e667f3bcd))
                        (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000))
                      (i32.const 52)))
                  (local.set $m
                    (i64x2.add (i64x2.sub (local.get $b) (i64x2.shl (local.get $ex) (i32.const 52)))
                      (v128.const i64x2 0x3ff0000000000000 0x3ff0000000000000)))
                  ;; e + 1023's low 32 bits of each lane side by side, then to f64.
                  (local.set $ef
                    (f64x2.sub
                      (f64x2.convert_low_i32x4_s
                        (i8x16.shuffle 0 1 2 3 8 9 10 11 0 1 2 3 8 9 10 11 (local.get $ex) (local.get $ex)))
                      (v128.const f64x2 1023 1023)))
                  (local.set $f (f64x2.sub (local.get $m) (v128.const f64x2 1 1)))
                  (local.set $s (f64x2.div (local.get $f) (f64x2.add (v128.const f64x2 2 2) (local.get $f))))
                  (local.set $z (f64x2.mul (local.get $s) (local.get $s)))
                  (local.set $z2 (f64x2.mul (local.get $z) (local.get $z)))
                  (local.set $R
                    (f64x2.add
                      (f64x2.add
                        (f64x2.add (v128.const f64x2 0.666666666666667 0.666666666666667) (f64x2.mul (local.get $z) (v128.const f64x2 0.39999999999899505 0.39999999999899505)))
                        (f64x2.mul (local.get $z2) (f64x2.add (v128.const f64x2 0.28571428625975487 0.28571428625975487) (f64x2.mul (local.get $z) (v128.const f64x2 0.2222221113479508 0.2222221113479508)))))
                      (f64x2.mul (f64x2.mul (local.get $z2) (local.get $z2))
                        (f64x2.add
                          (f64x2.add (v128.const f64x2 0.18182889125261723 0.18182889125261723) (f64x2.mul (local.get $z) (v128.const f64x2 0.15331721600556042 0.15331721600556042)))
                          (f64x2.mul (local.get $z2) (v128.const f64x2 0.14616449685043406 0.14616449685043406))))))
                  (local.set $R (f64x2.mul (local.get $R) (local.get $z)))
                  (local.set $hfsq (f64x2.mul (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $f) (local.get $f))))
                  ;; e·ln2 + (f − (hf² − (s·(hf² + R) + e·ln2_lo))), ln2 split as in exp.
                  (f64x2.add
                    (f64x2.mul (local.get $ef) (v128.const f64x2 6.93147180369123816490e-01 6.93147180369123816490e-01))
                    (f64x2.sub (local.get $f)
                      (f64x2.sub (local.get $hfsq)
                        (f64x2.add
                          (f64x2.mul (local.get $s) (f64x2.add (local.get $hfsq) (local.get $R)))
                          (f64x2.mul (local.get $ef) (v128.const f64x2 1.90821492927058770002e-10 1.90821492927058770002e-10))))))))))
          (else
            (if (v128.any_true (v128.not (f64x2.gt (local.get $b) (v128.const f64x2 0 0))))
              (then (return (f64.const -1))))
            (local.set $ea (call $expSlow (local.get $a)))
            (local.set $lb (call $logSlow (local.get $b)))))
        (v128.store (i32.add (local.get $e) (local.get $q)) (local.get $ea))
        (v128.store (i32.add (local.get $lg) (local.get $q)) (local.get $lb))
        (local.set $re (f64x2.sub (local.get $ea) (local.get $lb)))
        (local.set $keep
          (v128.and (f64x2.ge (local.get $re) (f64x2.neg (local.get $vC))) (f64x2.le (local.get $re) (local.get $vC))))
        ;; Flags per point, two bytes: 3 where the value was kept, 2 where the scrub changed it.
        (if (i64x2.all_true (local.get $keep))
          (then (i32.store16 (i32.add (local.get $ok) (local.get $p)) (i32.const 0x0303)))
          (else
            (local.set $alt
              (v128.bitselect (local.get $vC) (f64x2.neg (local.get $vC))
                (f64x2.gt (local.get $re) (v128.const f64x2 0 0))))
            (local.set $alt
              (v128.bitselect (v128.const f64x2 0 0) (local.get $alt) (f64x2.ne (local.get $re) (local.get $re))))
            (local.set $re (v128.bitselect (local.get $re) (local.get $alt) (local.get $keep)))
            (local.set $bits (i64x2.bitmask (local.get $keep)))
            (i32.store16 (i32.add (local.get $ok) (local.get $p))
              (i32.or (i32.const 0x0202)
                (i32.or (i32.and (local.get $bits) (i32.const 1)) (i32.shl (i32.and (local.get $bits) (i32.const 2)) (i32.const 7)))))))
        (v128.store (i32.add (local.get $o) (local.get $q)) (local.get $re))
        (if (local.get $withInter)
          (then
            (local.set $mag (f64x2.sub (f64x2.abs (local.get $re)) (local.get $vthr)))
            (local.set $lvl
              (f64x2.add (local.get $lvl)
                (v128.and
                  (v128.and (local.get $valid) (f64x2.gt (local.get $mag) (v128.const f64x2 0 0)))
                  (f64x2.mul (local.get $mag) (local.get $mag)))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $points)))
    (f64.add (f64x2.extract_lane 0 (local.get $lvl)) (f64x2.extract_lane 1 (local.get $lvl))))

  ;; Reverse mode through node j when it and its ancestors are real (nativeTree.ts backwardRealNode, two points at
  ;; a time): adds into the children's gradient rows, or with `assign` writes them (every row, padding and bypassed
  ;; children included, so the caller need not clear them first), and leaves the two gate-gradient sums at bytes 0
  ;; and 8.
  (func (export "backward")
    (param $cl i32) (param $cr i32) (param $o i32) (param $e i32) (param $ok i32) (param $n i32)
    (param $sL f64) (param $sR f64) (param $byL i32) (param $byR i32) (param $thr f64) (param $kInter f64)
    (param $vre i32) (param $ere i32) (param $gre i32) (param $assign i32)
    (local $d v128) (local $p i32) (local $q i32) (local $valid v128) (local $gR v128) (local $re v128) (local $mag v128)
    (local $act v128) (local $dar v128) (local $c v128) (local $br v128) (local $rho v128) (local $good v128)
    (local $dbr v128) (local $gsL v128) (local $gsR v128) (local $over v128) (local $at i32) (local $k2 f64)
    (local $all v128) (local $lane0 v128)
    (local $vuL v128) (local $vuR v128) (local $vsR v128) (local $vthr v128) (local $vk2 v128)
    (local.set $all (v128.not (v128.const i64x2 0 0)))
    (local.set $lane0 (v128.const i64x2 -1 0))
    (local.set $k2 (f64.mul (local.get $kInter) (f64.const 2)))
    ;; Loop invariants splatted once.
    (local.set $vuL (f64x2.splat (f64.sub (f64.const 1) (local.get $sL))))
    (local.set $vuR (f64x2.splat (f64.sub (f64.const 1) (local.get $sR))))
    (local.set $vsR (f64x2.splat (local.get $sR)))
    (local.set $vthr (f64x2.splat (local.get $thr)))
    (local.set $vk2 (f64x2.splat (local.get $k2)))
    (block $done
      (loop $points
        (br_if $done (i32.ge_s (local.get $p) (local.get $n)))
        (local.set $q (i32.shl (local.get $p) (i32.const 3)))
        (local.set $valid
          (select (result v128) (local.get $all) (local.get $lane0) (i32.lt_s (i32.add (local.get $p) (i32.const 1)) (local.get $n))))
        (local.set $gR (v128.load (i32.add (i32.add (local.get $gre) (local.get $o)) (local.get $q))))
        (if (f64.ne (local.get $kInter) (f64.const 0))
          (then
            (local.set $re (v128.load (i32.add (i32.add (local.get $vre) (local.get $o)) (local.get $q))))
            (local.set $mag (f64x2.abs (local.get $re)))
            (local.set $over (f64x2.gt (local.get $mag) (local.get $vthr)))
            ;; Values beyond the threshold are rare: the penalty's gradient (with its division) only then.
            (if (v128.any_true (local.get $over))
              (then
                (local.set $gR
                  (v128.bitselect
                    (f64x2.add (local.get $gR)
                      (f64x2.mul
                        (f64x2.div
                          (f64x2.mul (local.get $vk2) (f64x2.sub (local.get $mag) (local.get $vthr)))
                          (local.get $mag))
                        (local.get $re)))
                    (local.get $gR)
                    (local.get $over)))))))
        ;; The two flag bytes in every 16-bit lane; bit 0 of byte 0 is lane 0's, bit 0 of byte 1 lane 1's.
        (local.set $act
          (v128.and
            (v128.and (local.get $valid) (f64x2.ne (local.get $gR) (v128.const f64x2 0 0)))
            (i64x2.ne
              (v128.and (v128.load16_splat (i32.add (local.get $ok) (local.get $p))) (v128.const i64x2 0x1 0x100))
              (v128.const i64x2 0 0))))
        ;; Lanes that pass nothing contribute +0: masked, not multiplied (their dar may be NaN, a clamp of ∞ leaves ∞s).
        (local.set $dar
          (v128.and (local.get $act)
            (f64x2.mul (local.get $gR) (v128.load (i32.add (i32.add (local.get $ere) (local.get $e)) (local.get $q))))))
        (local.set $at (i32.add (i32.add (local.get $gre) (local.get $cl)) (local.get $q)))
        (if (i32.eqz (local.get $byL))
          (then
            (local.set $c (v128.load (i32.add (i32.add (local.get $vre) (local.get $cl)) (local.get $q))))
            (local.set $gsL
              (f64x2.add (local.get $gsL)
                (v128.and (local.get $act) (f64x2.mul (local.get $dar) (f64x2.sub (v128.const f64x2 1 1) (local.get $c))))))
            (local.set $d (f64x2.mul (local.get $vuL) (local.get $dar)))
            (v128.store (local.get $at)
              (select (result v128) (local.get $d) (f64x2.add (v128.load (local.get $at)) (local.get $d)) (local.get $assign))))
          (else (if (local.get $assign) (then (v128.store (local.get $at) (v128.const i64x2 0 0))))))
        (local.set $at (i32.add (i32.add (local.get $gre) (local.get $cr)) (local.get $q)))
        (if (i32.eqz (local.get $byR))
          (then
            (local.set $c (v128.load (i32.add (i32.add (local.get $vre) (local.get $cr)) (local.get $q))))
            (local.set $br
              (f64x2.add (local.get $vsR)
                (f64x2.mul (local.get $vuR) (local.get $c))))
            (local.set $rho (f64x2.mul (local.get $br) (local.get $br)))
            (local.set $good
              (v128.and (local.get $act)
                (v128.and (f64x2.gt (local.get $rho) (v128.const f64x2 0 0))
                          (f64x2.lt (local.get $rho) (v128.const f64x2 inf inf)))))
            (local.set $dbr
              (v128.and (local.get $good)
                (f64x2.div (f64x2.mul (f64x2.neg (local.get $gR)) (local.get $br)) (local.get $rho))))
            (local.set $gsR
              (f64x2.add (local.get $gsR)
                (v128.and (local.get $good) (f64x2.mul (local.get $dbr) (f64x2.sub (v128.const f64x2 1 1) (local.get $c))))))
            (local.set $d (f64x2.mul (local.get $vuR) (local.get $dbr)))
            (v128.store (local.get $at)
              (select (result v128) (local.get $d) (f64x2.add (v128.load (local.get $at)) (local.get $d)) (local.get $assign))))
          (else (if (local.get $assign) (then (v128.store (local.get $at) (v128.const i64x2 0 0))))))
        (local.set $p (i32.add (local.get $p) (i32.const 2)))
        (br $points)))
    (f64.store (i32.const 0) (f64.add (f64x2.extract_lane 0 (local.get $gsL)) (f64x2.extract_lane 1 (local.get $gsL))))
    (f64.store (i32.const 8) (f64.add (f64x2.extract_lane 0 (local.get $gsR)) (f64x2.extract_lane 1 (local.get $gsR)))))

  ;; A leaf row: out = w0 + w1·x1 + w2·x2 over the padded row (the same sums, in the same order, as nativeTree.ts;
  ;; a tree of one variable passes w2 = 0 with x2 = x1, which adds +0).
  (func (export "leafForward")
    (param $out i32) (param $x1 i32) (param $x2 i32) (param $n i32) (param $w0 f64) (param $w1 f64) (param $w2 f64)
    (local $q i32) (local $end i32)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (v128.store (i32.add (local.get $out) (local.get $q))
          (f64x2.add
            (f64x2.add (f64x2.splat (local.get $w0))
              (f64x2.mul (f64x2.splat (local.get $w1)) (v128.load (i32.add (local.get $x1) (local.get $q)))))
            (f64x2.mul (f64x2.splat (local.get $w2)) (v128.load (i32.add (local.get $x2) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $pairs))))

  ;; A leaf's weight gradients Σ g, Σ g·x1, Σ g·x2 over its gradient row (padding lanes hold 0), left at bytes
  ;; 16, 24 and 32.
  (func (export "leafGrad") (param $g i32) (param $x1 i32) (param $x2 i32) (param $n i32)
    (local $q i32) (local $end i32) (local $gv v128) (local $s0 v128) (local $s1 v128) (local $s2 v128)
    (local.set $end (i32.shl (local.get $n) (i32.const 3)))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
        (local.set $gv (v128.load (i32.add (local.get $g) (local.get $q))))
        (local.set $s0 (f64x2.add (local.get $s0) (local.get $gv)))
        (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $gv) (v128.load (i32.add (local.get $x1) (local.get $q))))))
        (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $gv) (v128.load (i32.add (local.get $x2) (local.get $q))))))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $pairs)))
    (f64.store (i32.const 16) (f64.add (f64x2.extract_lane 0 (local.get $s0)) (f64x2.extract_lane 1 (local.get $s0))))
    (f64.store (i32.const 24) (f64.add (f64x2.extract_lane 0 (local.get $s1)) (f64x2.extract_lane 1 (local.get $s1))))
    (f64.store (i32.const 32) (f64.add (f64x2.extract_lane 0 (local.get $s2)) (f64x2.extract_lane 1 (local.get $s2)))))
)
